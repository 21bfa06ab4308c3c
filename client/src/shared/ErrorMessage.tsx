import { errorText, worthRetrying } from './errors';
import { sharedStrings } from './strings';

interface ErrorMessageProps {
  error: unknown;
  /** The screen's own texts for the error codes it meets. */
  messages?: Record<string, string>;
  /** Offered only where another try may help: see {@link worthRetrying}. */
  onRetry?(): void;
}

export function ErrorMessage({ error, messages, onRetry }: ErrorMessageProps) {
  return (
    <p className="error" role="alert">
      {errorText(error, messages)}{' '}
      {onRetry && worthRetrying(error) && (
        <button type="button" className="link" onClick={onRetry}>
          {sharedStrings.retry}
        </button>
      )}
    </p>
  );
}
