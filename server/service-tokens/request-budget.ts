/**
 * Requests per minute of each token, in a fixed window that starts at the window's first request. A script that
 * loops by mistake slows down instead of loading the server; the limit is the token's own, set when it is made.
 * In memory: one server process.
 */
export class RequestBudget {
  private readonly windows = new Map<number, { used: number; endsAt: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request of the token; the seconds to wait when its budget of the window is spent, 0 otherwise. */
  spend(tokenId: number, perWindow: number): number {
    const now = this.now();
    let window = this.windows.get(tokenId);
    if (!window || window.endsAt <= now) {
      window = { used: 0, endsAt: now + this.windowMs };
      this.windows.set(tokenId, window);
    }
    if (window.used >= perWindow) return Math.ceil((window.endsAt - now) / 1000);
    window.used++;
    return 0;
  }
}
