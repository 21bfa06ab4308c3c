import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { inThisThread, PGliteDialect } from './pglite-dialect.js';
import { DiskGuard } from './embedded/disk-guard.js';
import { refusalToStart, statfsFreeSpace, type FreeSpace } from './embedded/free-space.js';
import { notifyConsole, type Notify } from './embedded/notify.js';
import { takeFolderLock } from './embedded/folder-lock.js';
import { SupervisedPGlite } from './embedded/supervised-pglite.js';
import type { Database } from './schema.js';
import { postgresListen, type Listen } from './notifications.js';

export type DatabaseKind = 'pglite' | 'postgresql';
export type Db = Kysely<Database>;

/** What the server can do with its database right now. Only the embedded database reports: PostgreSQL's disk is PostgreSQL's to watch. */
export interface StorageState {
  /** Why changes are refused now (the data folder's disk is nearly full), or null. */
  writesRefused(): string | null;
  /** Why the database cannot answer now (stopped after a hang or a refused write, restarting), or null. */
  unavailable(): string | null;
}

/** How busy PostgreSQL's connection pool is, read without reaching into Kysely's dialect. */
export type PoolStats = Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** PostgreSQL only. */
  pool?: PoolStats;
  /** PostgreSQL only: notifications from the database's triggers, heard by every process connected to it. */
  listen?: Listen;
  /** The embedded database in a folder only. */
  storage?: StorageState;
  close(): Promise<void>;
}

/** How the embedded database in a folder guards itself (config.ts reads them from the environment). */
export interface EmbeddedOptions {
  /** Below this much free space the database does not start, and changes are refused while it runs. */
  minFreeBytes: number;
  /** A statement running longer fails with 503 and the database restarts. */
  queryTimeoutMs: number;
  /** How often the free space is read. */
  diskCheckMs: number;
  /** fsync every commit; off only to measure what durability costs (bench). */
  durable: boolean;
  freeSpace: FreeSpace;
  notify: Notify;
}

export const EMBEDDED_DEFAULTS: EmbeddedOptions = {
  minFreeBytes: 200 * 1024 * 1024,
  queryTimeoutMs: 30_000,
  diskCheckMs: 5_000,
  durable: true,
  freeSpace: statfsFreeSpace,
  notify: notifyConsole,
};

/** The embedded database's start was refused; its message says why and what to do. */
export class StartRefusedError extends Error {}

export interface ConnectOptions {
  /** PostgreSQL connection string; null selects embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data folder, or `memory://` for a throw-away database. */
  dataDir: string;
  /** PostgreSQL only: run every query in this schema (tests use one schema per file). */
  schema?: string;
  poolSize?: number;
  /** PGlite only: start from this dump of a data folder (tests start from a migrated template). */
  pgliteTemplate?: Blob;
  /** PGlite in a folder only; defaults: EMBEDDED_DEFAULTS. */
  embedded?: Partial<EmbeddedOptions>;
}

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgresql', pool, listen: postgresListen(options.databaseUrl, options.schema), close: () => db.destroy() };
  }
  if (options.dataDir.startsWith('memory://')) {
    const pglite = await PGlite.create(options.dataDir, options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {});
    const db = new Kysely<Database>({ dialect: new PGliteDialect(inThisThread(pglite)) });
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  return connectEmbedded(options.dataDir, { ...EMBEDDED_DEFAULTS, ...options.embedded });
}

/** PGlite in a folder on disk: in a watched worker thread, durable, behind a free-space guard. */
async function connectEmbedded(dataDir: string, options: EmbeddedOptions): Promise<DatabaseHandle> {
  const refusal = await refusalToStart(dataDir, options.minFreeBytes, options.freeSpace);
  if (refusal) throw new StartRefusedError(refusal);
  let lock: { release(): void };
  try {
    lock = takeFolderLock(dataDir);
  } catch (error) {
    throw new StartRefusedError(`Not starting: ${(error as Error).message}`);
  }
  const guard = new DiskGuard({
    dir: dataDir,
    minFreeBytes: options.minFreeBytes,
    intervalMs: options.diskCheckMs,
    freeSpace: options.freeSpace,
    notify: options.notify,
  });
  await guard.start();
  let database: SupervisedPGlite;
  try {
    database = await SupervisedPGlite.open({
      dataDir,
      durable: options.durable,
      queryTimeoutMs: options.queryTimeoutMs,
      // A start replays the write-ahead log since the last checkpoint, which may take many statements' time; a new
      // folder's initdb alone took over 10 s on a loaded 2-core machine, so a start gets at least two minutes.
      startTimeoutMs: Math.max(120_000, 10 * options.queryTimeoutMs),
      retryMs: options.diskCheckMs,
      mayStart: () => guard.refusal === null,
      notify: options.notify,
    });
  } catch (error) {
    guard.stop();
    lock.release();
    throw new StartRefusedError(`Not starting: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(database) });
  return {
    db,
    kind: 'pglite',
    storage: { writesRefused: () => guard.refusal, unavailable: () => database.unavailable },
    async close() {
      guard.stop();
      await db.destroy();
      lock.release();
    },
  };
}
