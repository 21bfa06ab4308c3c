import type { LimitWindows } from '../limits/limit-windows.js';

/**
 * Requests per minute of each token, in a fixed window that starts at the window's first request, counted in the
 * server's limit windows (server/limits/). A script that loops by mistake slows down instead of loading the server;
 * the limit is the token's own, set when it is made.
 */
export class RequestBudget {
  constructor(
    private readonly windows: LimitWindows,
    private readonly windowMs = 60_000,
  ) {}

  /** Spends one request of the token; the seconds to wait when its budget of the window is spent, 0 otherwise. */
  async spend(tokenId: number, perWindow: number): Promise<number> {
    const { hits, msLeft } = await this.windows.hit(`token|${tokenId}`, this.windowMs);
    return hits > perWindow ? Math.ceil(msLeft / 1000) : 0;
  }
}
