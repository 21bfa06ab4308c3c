import { ApiFailure } from '../app/api';
import { errorText } from '../app/errors';
import { schoolStrings as s } from './strings';

export const failureText = (e: unknown) => (e instanceof ApiFailure && s.errors[e.code]) || errorText(e);

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?(): void }) {
  return (
    <p className="error" role="alert">
      {failureText(error)} {onRetry && <button type="button" className="link" onClick={onRetry}>{s.retry}</button>}
    </p>
  );
}
