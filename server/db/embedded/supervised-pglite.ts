import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/errors.js';
import type { EmbeddedDatabase, EmbeddedResult, EmbeddedSession } from '../pglite-dialect.js';
import type { Notify } from './notify.js';
import { fromWorkerError, type FromWorker, type ToWorker, type WorkerOptions } from './protocol.js';

/** The database cannot answer now (hung, restarting, or its disk refused a write): the caller should try again later. */
export class DatabaseUnavailableError extends ApiError {
  constructor(message: string) {
    super(503, 'database_unavailable', message);
  }
}

export interface SupervisorOptions extends WorkerOptions {
  /** A statement still running after this long fails, and the database is restarted. */
  queryTimeoutMs: number;
  /** A start (with its recovery from the write-ahead log) that takes longer is given up and tried again. */
  startTimeoutMs: number;
  /** Whether the database may start again now (its disk has room); asked before every restart. */
  mayStart: () => boolean;
  /** How long to wait between attempts to start it again. */
  retryMs: number;
  notify: Notify;
}

/** PostgreSQL's own words for a disk that refuses writes: class 53 (53100 disk full, 53200 out of memory) and 58030 (I/O error). */
const isStorageFailure = (code: unknown) => typeof code === 'string' && (code.startsWith('53') || code === '58030');

const WORKER_FILE = new URL('./pglite-worker.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

/** The worker is TypeScript like the rest of the server: tsx compiles it for the new thread as it does for this one. */
function spawnWorker(options: WorkerOptions): Worker {
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_FILE)}, ${JSON.stringify(WORKER_FILE)}))`;
  return new Worker(bootstrap, { eval: true, workerData: { dataDir: options.dataDir, durable: options.durable } satisfies WorkerOptions });
}

interface Pending {
  resolve(result: EmbeddedResult<unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type State =
  | { kind: 'starting'; worker: Worker; started: (error?: Error) => void }
  | { kind: 'ready'; worker: Worker }
  | { kind: 'down'; reason: string }
  | { kind: 'closed' };

/**
 * PGlite on its own thread, watched. A statement that does not return in time fails with 503 and the thread is
 * ended (a PostgreSQL spinning inside WebAssembly cannot be interrupted otherwise); so is one whose disk refused a
 * write, since PGlite may hang on the statement after. The database then starts again by itself once the disk has
 * room, recovering from its write-ahead log like any PostgreSQL after a crash. Meanwhile this thread keeps
 * serving: /api/health answers and SIGTERM is heard.
 */
export class SupervisedPGlite implements EmbeddedDatabase {
  private state: State = { kind: 'down', reason: 'not started' };
  /** Bumped at every stop: a session of an earlier start fails instead of running on the new one. */
  private generation = 0;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private retryTimer: NodeJS.Timeout | undefined;
  private failedRestarts = 0;

  private constructor(private readonly options: SupervisorOptions) {}

  /** Started and ready, or rejected with why it did not start. */
  static async open(options: SupervisorOptions): Promise<SupervisedPGlite> {
    const database = new SupervisedPGlite(options);
    try {
      await database.start();
    } catch (error) {
      // The first start is the caller's to report; nothing tries again behind its back.
      await database.close();
      throw error;
    }
    return database;
  }

  /** Why the database cannot answer now, or null when it can. */
  get unavailable(): string | null {
    switch (this.state.kind) {
      case 'ready':
        return null;
      case 'starting':
        return 'the embedded database is starting again';
      case 'down':
        return this.state.reason;
      case 'closed':
        return 'the embedded database is closed';
    }
  }

  session(): EmbeddedSession {
    const generation = this.generation;
    return { query: <R>(sql: string, params: readonly unknown[]) => this.query<R>(generation, sql, params) };
  }

  private query<R>(generation: number, sql: string, params: readonly unknown[]): Promise<EmbeddedResult<R>> {
    if (this.state.kind !== 'ready')
      return Promise.reject(new DatabaseUnavailableError(`The database is not available (${this.unavailable}); try again later`));
    if (generation !== this.generation) return Promise.reject(new DatabaseUnavailableError('The database restarted during this request; try again'));
    const { worker } = this.state;
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(sql), this.options.queryTimeoutMs);
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, timer });
      try {
        worker.postMessage({ kind: 'query', id, sql, params } satisfies ToWorker);
      } catch (error) {
        this.settle(id)?.reject(error as Error);
      }
    });
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    return pending;
  }

  private received(worker: Worker, message: FromWorker) {
    const state = this.state;
    if (message.kind === 'ready' && state.kind === 'starting' && state.worker === worker) {
      this.state = { kind: 'ready', worker };
      state.started();
    } else if (message.kind === 'start-failed' && state.kind === 'starting' && state.worker === worker) {
      this.stop(message.error.message);
    } else if (message.kind === 'result') {
      this.settle(message.id)?.resolve({ rows: message.rows, affectedRows: message.affectedRows });
    } else if (message.kind === 'error') {
      const pending = this.settle(message.id);
      const error = fromWorkerError(message.error);
      if (!isStorageFailure((error as { code?: unknown }).code)) return pending?.reject(error);
      this.options.notify('error', `The embedded database could not write to its disk (${error.message}); restarting it once the disk has room`, {
        dataDir: this.options.dataDir,
      });
      pending?.reject(new DatabaseUnavailableError('The database could not write to its disk; nothing was saved. Try again later'));
      this.stop(`its disk refused a write: ${error.message}`);
    }
  }

  private timedOut(sql: string) {
    const seconds = this.options.queryTimeoutMs / 1000;
    this.options.notify('error', `A statement of the embedded database ran longer than ${seconds} s: ending and restarting the database`, {
      dataDir: this.options.dataDir,
      // The statement's text, never its parameters: those carry answers and e-mails.
      statement: sql.slice(0, 200),
    });
    this.stop(`a statement ran longer than ${seconds} s`);
  }

  /** Ends the current worker, fails whatever waited on it, and tries to start again later. */
  private stop(reason: string) {
    const state = this.state;
    if (state.kind === 'down' || state.kind === 'closed') return;
    this.state = { kind: 'down', reason: `the embedded database stopped: ${reason}` };
    this.generation++;
    void state.worker.terminate();
    this.failPending(reason);
    if (state.kind === 'starting') state.started(new Error(`the embedded database in ${this.options.dataDir} did not start: ${reason}`));
    this.retryLater();
  }

  private failPending(reason: string) {
    for (const id of [...this.pending.keys()]) this.settle(id)!.reject(new DatabaseUnavailableError(`The database stopped (${reason}); try again later`));
  }

  private retryLater() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.restart(), this.options.retryMs).unref();
  }

  private async restart() {
    if (this.state.kind !== 'down') return;
    if (!this.options.mayStart()) return this.retryLater();
    try {
      await this.start();
      this.failedRestarts = 0;
      this.options.notify('info', 'The embedded database is back', { dataDir: this.options.dataDir });
    } catch (error) {
      // stop() has already planned the next attempt; the first failure is news, the ones after it are not.
      if (++this.failedRestarts === 1) {
        this.options.notify('warn', `The embedded database did not start again (${(error as Error).message}); trying every ${this.options.retryMs / 1000} s`, {
          dataDir: this.options.dataDir,
        });
      }
    }
  }

  private start(): Promise<void> {
    const worker = spawnWorker(this.options);
    const seconds = this.options.startTimeoutMs / 1000;
    const timer = setTimeout(() => this.ended(worker, `it was not ready within ${seconds} s`), this.options.startTimeoutMs);
    return new Promise<void>((resolve, reject) => {
      this.state = {
        kind: 'starting',
        worker,
        started: (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        },
      };
      worker.on('message', (message: FromWorker) => this.received(worker, message));
      worker.on('error', (error) => this.ended(worker, `its thread failed: ${error.message}`));
      worker.on('exit', (code) => this.ended(worker, `its thread exited with ${code}`));
    });
  }

  /** A worker that ends on its own (a crash) is treated like a hung one; the exit of a worker already let go is not news. */
  private ended(worker: Worker, reason: string) {
    const state = this.state;
    if ((state.kind === 'starting' || state.kind === 'ready') && state.worker === worker) this.stop(reason);
  }

  async close() {
    clearTimeout(this.retryTimer);
    const state = this.state;
    this.state = { kind: 'closed' };
    this.generation++;
    this.failPending('the server is shutting down');
    if (state.kind === 'starting') {
      state.started(new Error('The embedded database was closed while it started'));
      await state.worker.terminate();
    }
    if (state.kind !== 'ready') return;
    // A clean close writes a checkpoint, so the next start needs no recovery; a database that cannot finish it in time is ended.
    const closed = new Promise<void>((resolve) => state.worker.on('message', (message: FromWorker) => message.kind === 'closed' && resolve()));
    state.worker.postMessage({ kind: 'close' } satisfies ToWorker);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, this.options.queryTimeoutMs)))]);
    clearTimeout(timer);
    await state.worker.terminate();
  }
}
