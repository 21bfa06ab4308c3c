import type { HttpResult } from '../shared/http';

export type SubmitOutcome = { kind: 'saved' } | { kind: 'refused'; code: string };

/** No answer, a server error, or «try later»: the same request may succeed later. Any other 4xx will not. */
export function isRetryable(result: HttpResult<unknown>): boolean {
  return result.kind === 'network' || (result.kind === 'error' && (result.status >= 500 || result.status === 408 || result.status === 429));
}

/** 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s, each ±20 % so that phones coming back online do not retry in step. */
export function retryDelayMs(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Wakes a waiting retry early: when the browser reports it is online again, when the page becomes
 * visible again (the phone was unlocked), or when the respondent taps «Отправить сейчас».
 */
export class RetryWaker {
  private wakers = new Set<() => void>();

  wake = () => {
    for (const wake of [...this.wakers]) wake();
  };

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        window.removeEventListener('online', done);
        document.removeEventListener('visibilitychange', onVisible);
        resolve();
      };
      const onVisible = () => document.visibilityState === 'visible' && done();
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
      window.addEventListener('online', done);
      document.addEventListener('visibilitychange', onVisible);
    });
  }
}

/**
 * Sends until the server gives a definite answer. The request is the same every time (same body,
 * same clientKey), so the server stores it once however many attempts reach it.
 */
export async function submitWithRetry(
  send: () => Promise<HttpResult<unknown>>,
  { waker, onWaiting }: { waker: RetryWaker; onWaiting: () => void },
): Promise<SubmitOutcome> {
  for (let attempt = 0; ; attempt++) {
    const result = await send();
    if (result.kind === 'ok') return { kind: 'saved' };
    if (!isRetryable(result)) return { kind: 'refused', code: result.kind === 'error' ? result.code : 'unknown' };
    onWaiting();
    await waker.wait(retryDelayMs(attempt));
  }
}
