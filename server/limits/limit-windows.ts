import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** A key's window: how many hits it has had and how long until it ends. */
export interface WindowState {
  hits: number;
  msLeft: number;
}

/**
 * Hits of a key counted in a fixed window that starts at its first hit: the one mechanism behind every limit of the
 * server (docs/methodology.md §7 and README «Several instances»).
 */
export interface LimitWindows {
  /** Counts one hit; a window that has ended starts again at this hit. */
  hit(key: string, windowMs: number): Promise<WindowState>;
  /** The key's live window, without a hit; null when it has none. */
  peek(key: string): Promise<WindowState | null>;
}

/** How often windows that ended are deleted: at most once a minute, by whichever hit comes first. */
const SWEEP_MS = 60_000;

/**
 * The windows in PostgreSQL's `limit_windows` (migration 0023), shared by every instance on the database. One
 * statement a hit: the upsert takes the row's lock, so two instances counting one key at once both count.
 */
export class SqlLimitWindows implements LimitWindows {
  private nextSweepAt = 0;

  constructor(private readonly db: Db) {}

  async hit(key: string, windowMs: number): Promise<WindowState> {
    this.sweep();
    const window = sql`${windowMs} * interval '1 millisecond'`;
    const { rows } = await sql<{ hits: number; ms_left: number }>`
      insert into limit_windows as w (key, hits, ends_at) values (${key}, 1, now() + ${window})
      on conflict (key) do update set
        hits = case when w.ends_at <= now() then 1 else w.hits + 1 end,
        ends_at = case when w.ends_at <= now() then now() + ${window} else w.ends_at end
      returning hits, ceil(extract(epoch from ends_at - now()) * 1000)::float8 as ms_left`.execute(this.db);
    return { hits: rows[0]!.hits, msLeft: rows[0]!.ms_left };
  }

  async peek(key: string): Promise<WindowState | null> {
    const { rows } = await sql<{ hits: number; ms_left: number }>`
      select hits, ceil(extract(epoch from ends_at - now()) * 1000)::float8 as ms_left
      from limit_windows where key = ${key} and ends_at > now()`.execute(this.db);
    return rows[0] ? { hits: rows[0].hits, msLeft: rows[0].ms_left } : null;
  }

  /** Keys that hit once and never came back are forgotten. A failed sweep is tried again at the next. */
  private sweep() {
    const now = Date.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_MS;
    sql`delete from limit_windows where ends_at < now()`.execute(this.db).catch(() => (this.nextSweepAt = 0));
  }
}

/**
 * The windows in this process's memory: the embedded database has one server process by construction (its folder
 * lock refuses a second), and a commit of PGlite waits for the disk, which a limit is not worth.
 */
export class MemoryLimitWindows implements LimitWindows {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<WindowState> {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) this.windows.set(key, (window = { hits: 0, endsAt: now + windowMs }));
    window.hits++;
    return { hits: window.hits, msLeft: window.endsAt - now };
  }

  async peek(key: string): Promise<WindowState | null> {
    const now = this.now();
    const window = this.windows.get(key);
    return window && window.endsAt > now ? { hits: window.hits, msLeft: window.endsAt - now } : null;
  }

  private sweep(now: number) {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_MS;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
