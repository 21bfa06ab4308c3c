import { ApiFailure } from './api';
import { sharedStrings } from './strings';

const common = sharedStrings.errors;

/**
 * What went wrong, in Russian: the screen's own text for the code if it has one, else the common text, else the
 * server's English message. A refused rate (429) always reads as "too many attempts".
 */
export function errorText(error: unknown, screenMessages: Record<string, string> = {}): string {
  if (error instanceof ApiFailure) {
    const text = screenMessages[error.code] ?? common[error.code];
    if (error.status === 429) return text ?? common.rate_limited;
    return text ?? error.message;
  }
  return String(error);
}
