import { errorText } from './errors';
import { sharedStrings } from './strings';

interface ErrorMessageProps {
  error: unknown;
  /** The screen's own texts for the error codes it meets. */
  messages?: Record<string, string>;
  onRetry?(): void;
}

export function ErrorMessage({ error, messages, onRetry }: ErrorMessageProps) {
  return (
    <p className="error" role="alert">
      {errorText(error, messages)}{' '}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {sharedStrings.retry}
        </button>
      )}
    </p>
  );
}
