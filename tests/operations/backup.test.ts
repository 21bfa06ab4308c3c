import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import { connectDatabase } from '../../server/db/connect.js';
import { BackupRefusedError, backupEmbedded, restoreEmbedded } from '../../server/db/embedded/backup.js';
import { LOCK_FILE } from '../../server/db/embedded/folder-lock.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { inThisThread, PGliteDialect } from '../../server/db/pglite-dialect.js';
import type { Database } from '../../server/db/schema.js';
import { wavesInRegion } from '../../server/db/waves-in-region.js';
import { seedDemo } from '../../server/demo/seed.js';
import { loadParticipation } from '../../server/participation/participation.routes.js';
import { RosterCache } from '../../server/participation/roster-cache.js';
import { waveProfiles } from '../../server/profiles/profiles.js';
import { storeMethodology } from '../../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';

const run = promisify(execFile);
const ADMIN = { role: 'admin', regionId: null, municipalityId: null, schoolId: null } as const;
/** One instant for both seeds, so PGlite and PostgreSQL hold the same demo. */
const SEEDED_AT = new Date();

async function seed(db: Db) {
  const { model, questionnaires } = await storeMethodology(db, SURVEYS_DIR);
  await seedDemo(db, model, questionnaires, SEEDED_AT);
}

/** What the region reads: every wave's participation and every closed wave's profiles, as one JSON text. */
async function figures(db: Db): Promise<string> {
  const waves = await wavesInRegion(db).orderBy('waves.opens_at').execute();
  const result = [];
  for (const wave of waves) {
    const participation = await loadParticipation(db, new RosterCache(), ADMIN, wave.id);
    const profiles = wave.closes_at.getTime() < Date.now() ? await waveProfiles(db, wave, ADMIN) : null;
    result.push({ wave: wave.id, participation, profiles });
  }
  expect(result.filter((r) => r.profiles).length).toBe(2);
  // When the report was made is not a figure of it.
  return JSON.stringify(result, (key, value: unknown) => (key === 'generatedAt' ? undefined : value));
}

async function inFolder<T>(dataDir: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(inThisThread(await PGlite.create({ dataDir }))) });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

describe('backup and restore of the embedded database', () => {
  let work: string;
  let original: string;
  let backup: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'backup-'));
    const dataDir = join(work, 'data');
    const template = new Blob([await readFile(inject('pgliteTemplate'))]);
    const pglite = await PGlite.create({ dataDir, loadDataDir: template });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(inThisThread(pglite)) });
    try {
      await migrateToLatest(db);
      await seed(db);
      original = await figures(db);
    } finally {
      await db.destroy();
    }
    backup = join(work, 'survey.tar.gz');
    await backupEmbedded(dataDir, backup);
  });
  afterAll(() => work && rm(work, { recursive: true, force: true }));

  it('restores into a new folder a database with the same participation and profiles, to the byte', async () => {
    const restored = join(work, 'restored');
    expect(await restoreEmbedded(backup, restored)).toEqual({ movedAside: null });
    expect(await inFolder(restored, figures)).toBe(original);
    expect(await readdir(work)).toEqual(expect.not.arrayContaining([expect.stringMatching(/partial|restoring/)]));
  });

  it('refuses a folder that already holds something unless told to replace it, and then moves the old one aside', async () => {
    const target = join(work, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    await expect(restoreEmbedded(backup, target)).rejects.toThrow(/already exists; add --replace/);
    expect(await readdir(target)).toEqual(['keep.txt']);

    const { movedAside } = await restoreEmbedded(backup, target, { replace: true, now: new Date('2030-01-02T03:04:05Z') });
    expect(movedAside).toBe(`${target}.before-restore-2030-01-02T03-04-05-000Z`);
    expect(await readFile(join(movedAside!, 'keep.txt'), 'utf8')).toBe('old');
    expect(existsSync(join(target, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a truncated or foreign file and leaves the folder as it was', async () => {
    const whole = await readFile(backup);
    const truncated = join(work, 'truncated.tar.gz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const garbage = join(work, 'garbage.tar.gz');
    await writeFile(garbage, randomBytes(4096));
    for (const file of [truncated, garbage]) {
      const target = join(work, 'untouched');
      await expect(restoreEmbedded(file, target)).rejects.toThrow(/is not a whole backup.*unchanged/);
      expect(existsSync(target)).toBe(false);
    }
    const target = join(work, 'occupied-untouched');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    await expect(restoreEmbedded(truncated, target, { replace: true })).rejects.toBeInstanceOf(BackupRefusedError);
    expect(await readdir(target)).toEqual(['keep.txt']);
    expect((await readdir(work)).filter((name) => name.startsWith('occupied-untouched.'))).toEqual([]);
  });

  it('refuses to copy or replace a folder a server has open, and names the process', async () => {
    const dataDir = join(work, 'restored');
    const server = await connectDatabase({ databaseUrl: null, dataDir });
    try {
      await expect(backupEmbedded(dataDir, join(work, 'while-open.tar.gz'))).rejects.toThrow(`in use by process ${process.pid}: stop the server first`);
      await expect(restoreEmbedded(join(work, 'survey.tar.gz'), dataDir, { replace: true })).rejects.toThrow(/in use by process/);
      // Nor does a second server open it.
      await expect(connectDatabase({ databaseUrl: null, dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      await server.close();
    }
    expect(existsSync(join(work, 'while-open.tar.gz'))).toBe(false);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('copies a folder left behind by a server that was killed', async () => {
    const dataDir = join(work, 'restored');
    // What a kill leaves: PostgreSQL's postmaster.pid (PGlite's fixed process id) and our lock naming a process gone.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(join(dataDir, LOCK_FILE), `${gone}\n`);
    await writeFile(join(dataDir, 'postmaster.pid'), '-42\n');
    const copy = join(work, 'after-kill.tar.gz');
    expect((await backupEmbedded(dataDir, copy)).bytes).toBeGreaterThan(0);
    const again = join(work, 'after-kill');
    await restoreEmbedded(copy, again);
    const server = await connectDatabase({ databaseUrl: null, dataDir: again });
    try {
      const { n } = await server.db
        .selectFrom('schools')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('pg_dump and pg_restore as the README gives them', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const suffix = randomBytes(4).toString('hex');
  const names = [`backup_${suffix}_from`, `backup_${suffix}_to`];
  const urlOf = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).href;
  const server = new pg.Pool({ connectionString: url, max: 1 });
  let work: string;
  let serverMajor: number;
  let dumpMajor: number;

  const open = (name: string) => new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlOf(name), max: 4 }) }) });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pg-backup-'));
    serverMajor = Number((await server.query('show server_version_num')).rows[0].server_version_num.slice(0, -4));
    dumpMajor = Number(/\(PostgreSQL\) (\d+)/.exec((await run('pg_dump', ['--version'])).stdout)![1]);
    for (const name of names) await server.query(`create database ${name}`);
  });
  afterAll(async () => {
    for (const name of names) await server.query(`drop database if exists ${name} with (force)`);
    await server.end();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('restores a dump to the same participation and profiles, to the byte', async (context) => {
    if (dumpMajor !== serverMajor) context.skip(`pg_dump ${dumpMajor} does not match the server's PostgreSQL ${serverMajor}`);
    const from = open(names[0]);
    let original: string;
    try {
      await migrateToLatest(from);
      await seed(from);
      original = await figures(from);
    } finally {
      await from.destroy();
    }
    const dump = join(work, 'survey.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, urlOf(names[0])]);
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${urlOf(names[1])}`, dump]);
    const to = open(names[1]);
    try {
      expect(await figures(to)).toBe(original);
      const evidence = await sql<{ n: string }>`select count(*) as n from measure_evidence`.execute(to);
      expect(Number(evidence.rows[0].n)).toBeGreaterThan(0);
    } finally {
      await to.destroy();
    }
  });
});
