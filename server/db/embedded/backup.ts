import { existsSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { migrateToLatest } from '../migrate.js';
import { inThisThread, PGliteDialect } from '../pglite-dialect.js';
import type { Database } from '../schema.js';
import { DURABLE_START_PARAMS, DurableNodeFS } from './durable-node-fs.js';
import { lockHolder } from './folder-lock.js';

/** A backup or restore was refused before anything changed; the message says why and what to do. */
export class BackupRefusedError extends Error {}

const holdsDatabase = (dataDir: string) => existsSync(join(dataDir, 'PG_VERSION'));

/** The server holds a lock on its folder while it runs (folder-lock.ts): copying or replacing it then would corrupt it. */
function refuseIfInUse(dataDir: string) {
  const holder = lockHolder(dataDir);
  if (holder !== null) throw new BackupRefusedError(`${dataDir} is in use by process ${holder}: stop the server first.`);
}

async function openDurable(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({ fs: new DurableNodeFS(dataDir), startParams: DURABLE_START_PARAMS, loadDataDir });
}

/** fsync a folder, so that a file renamed into it stays there after a power cut. */
async function syncFolder(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a gzip tarball of the embedded database in `dataDir` to `file`. The server must be stopped. The file appears
 * whole or not at all: written beside it, synced, then renamed over it, so an interrupted backup never leaves a
 * truncated file that looks like a good one.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!holdsDatabase(dataDir)) throw new BackupRefusedError(`No database in ${dataDir}: check DATA_DIR.`);
  refuseIfInUse(dataDir);
  const pglite = await openDurable(dataDir);
  let dump: Blob;
  try {
    // Written to the data files now, so the restored copy starts without replaying the write-ahead log.
    await pglite.exec('checkpoint');
    dump = await pglite.dumpDataDir('gzip');
  } finally {
    await pglite.close();
  }
  const bytes = new Uint8Array(await dump.arrayBuffer());
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  await syncFolder(dirname(file));
  return { bytes: bytes.length };
}

export interface RestoreOptions {
  /** Move a database already in `dataDir` aside instead of refusing. */
  replace?: boolean;
  now?: Date;
}

/**
 * Creates the embedded database in `dataDir` from a tarball of `backupEmbedded`, migrated to this version. The server
 * must be stopped. The database is built in a folder beside `dataDir` and renamed into place only once it opens and
 * migrates, so a bad file leaves `dataDir` as it was. A database already there is moved to
 * `<dataDir>.before-restore-<timestamp>`, never deleted: a restore from the wrong file can be undone.
 */
export async function restoreEmbedded(file: string, dataDir: string, options: RestoreOptions = {}): Promise<{ movedAside: string | null }> {
  const occupied = existsSync(dataDir);
  if (occupied && !options.replace) {
    throw new BackupRefusedError(`${dataDir} already exists; add --replace to move it aside and restore in its place.`);
  }
  if (occupied) refuseIfInUse(dataDir);
  let tar: Buffer;
  try {
    tar = await promisify(gunzip)(await readFile(file));
  } catch (error) {
    throw new BackupRefusedError(`${file} is not a whole backup (${(error as Error).message}); ${dataDir} is unchanged.`);
  }
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const building = `${dataDir}.restoring-${stamp}`;
  try {
    await checkAndMigrate(building, new Blob([new Uint8Array(tar)], { type: 'application/x-tar' }), file);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error instanceof BackupRefusedError
      ? error
      : new BackupRefusedError(`${file} could not be restored (${(error as Error).message}); ${dataDir} is unchanged.`);
  }
  const movedAside = occupied ? `${dataDir}.before-restore-${stamp}` : null;
  if (movedAside) await rename(dataDir, movedAside);
  await rename(building, dataDir);
  await syncFolder(dirname(dataDir));
  return { movedAside };
}

async function checkAndMigrate(dataDir: string, tar: Blob, file: string) {
  const pglite = await openDurable(dataDir, tar);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(inThisThread(pglite)) });
  try {
    // A tarball of some other PostgreSQL folder opens too; only this application's database has its migrations table.
    const ours = await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(db);
    if (!ours.rows[0]?.found) throw new BackupRefusedError(`${file} holds no database of this application.`);
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
