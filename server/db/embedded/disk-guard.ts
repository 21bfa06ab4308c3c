import { megabytes, statfsFreeSpace, type FreeSpace } from './free-space.js';
import type { Notify } from './notify.js';

export interface DiskGuardOptions {
  /** The embedded database's data folder. */
  dir: string;
  /** Below this, changes are refused: what PostgreSQL needs to finish what it started and to restart. */
  minFreeBytes: number;
  intervalMs: number;
  freeSpace?: FreeSpace;
  notify: Notify;
}

/**
 * Watches the free space of the data folder's disk. PostgreSQL that meets a full disk mid-write fails the
 * statement, and PGlite can then hang on the next one and not even start again until 16 MB are free; so changes
 * are refused well before that (the app answers them 503) and accepted again once space returns.
 */
export class DiskGuard {
  private reason: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DiskGuardOptions) {}

  /** Why changes are refused now, or null while the disk has room. */
  get refusal(): string | null {
    return this.reason;
  }

  async check(): Promise<void> {
    const { dir, minFreeBytes, freeSpace = statfsFreeSpace, notify } = this.options;
    let reason: string | null;
    try {
      const free = await freeSpace(dir);
      reason =
        free < minFreeBytes ? `only ${megabytes(free)} MB free on the disk of the data folder ${dir}, below MIN_FREE_DISK_MB=${megabytes(minFreeBytes)}` : null;
    } catch (error) {
      // A disk whose free space cannot be read is not one to write on.
      reason = `the free space of the data folder ${dir} cannot be read: ${(error as Error).message}`;
    }
    if (reason && !this.reason)
      notify('error', `Disk nearly full: ${reason}. Changes (answers, logins, administration) are refused with 503 until space is freed.`);
    if (!reason && this.reason) notify('info', `Disk space is back on the disk of the data folder ${dir}: changes are accepted again.`);
    this.reason = reason;
  }

  /** Checks now, then every `intervalMs`. */
  async start(): Promise<void> {
    this.timer ??= setInterval(() => void this.check(), this.options.intervalMs).unref();
    await this.check();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
