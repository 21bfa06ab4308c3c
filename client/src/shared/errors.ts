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

/**
 * Whether trying the same request again may help: a lost connection, a server fault (5xx), a timeout or a refused rate.
 * A 4xx answer (no session, no access, no such thing) says the same the second time, so no «Повторить» for it.
 */
export function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}
