import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import { connectDatabase, type DatabaseHandle, type EmbeddedOptions } from '../../server/db/connect.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { freePort, request, startServerProcess, type ServerStore } from './server-process.js';
import { countedAnswers } from '../helpers/answers.js';

// The embedded database's disk: these are PGlite's alone (PostgreSQL's disk is PostgreSQL's to watch).

const ROOT = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

async function until(condition: () => Promise<boolean>, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** An embedded database in a fresh folder, migrated, with a world and a link, and the app over it. */
async function openEmbedded(dataDir: string, embedded: Partial<EmbeddedOptions>) {
  const notices: string[] = [];
  const handle = await connectDatabase({
    databaseUrl: null,
    dataDir,
    embedded: { notify: (level, message) => notices.push(`${level}: ${message}`), ...embedded },
  });
  await migrateToLatest(handle.db);
  const world = await newWorld(handle.db);
  const { token } = await newLink(handle.db, world.wave.id, world.school.id, 'parent');
  const app = await buildApp({ db: handle.db, dbKind: 'pglite', storage: handle.storage });
  await app.ready();
  const submit = () =>
    app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: { answers: countedAnswers('parent'), clientKey: randomUUID() } });
  const health = () => app.inject({ method: 'GET', url: '/api/health' });
  const stored = async () => (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(handle.db)).rows[0]!.n;
  return { handle, app, token, notices, submit, health, stored };
}

async function closeEmbedded(e: { app: App; handle: DatabaseHandle } | undefined) {
  await e?.app.close();
  await e?.handle.close();
}

describe('the settings of the guards', () => {
  it('default to 200 MB and 30 s, and refuse what is not a positive number', () => {
    expect(readConfig({}).embedded).toEqual({ minFreeBytes: 200 * MB, queryTimeoutMs: 30_000 });
    expect(readConfig({ MIN_FREE_DISK_MB: '500', DB_QUERY_TIMEOUT_SECONDS: '2.5' }).embedded).toEqual({ minFreeBytes: 500 * MB, queryTimeoutMs: 2500 });
    expect(() => readConfig({ MIN_FREE_DISK_MB: '0' })).toThrow(/MIN_FREE_DISK_MB must be a positive number, got "0"/);
    expect(() => readConfig({ DB_QUERY_TIMEOUT_SECONDS: 'soon' })).toThrow(/DB_QUERY_TIMEOUT_SECONDS must be a positive number/);
  });
});

describe('a disk that fills while the server runs (free space as the server reads it, replaced)', () => {
  let dir: string;
  let free = 50_000 * MB;
  let e: Awaited<ReturnType<typeof openEmbedded>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'disk-full-'));
    e = await openEmbedded(join(dir, 'data'), { freeSpace: async () => free, diskCheckMs: 50 });
  }, 180_000);
  afterAll(async () => {
    await closeEmbedded(e);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses changes with 503 and says why, keeps reading and answering /api/health, and takes answers again once space returns', async () => {
    expect((await e.submit()).statusCode).toBe(201);

    free = 150 * MB;
    await until(async () => (await e.health()).statusCode === 503);
    const refused = await e.submit();
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/disk is nearly full: nothing was saved/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const login = await e.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'someone@test.local', password: 'a password' } });
    expect(login.json()).toMatchObject({ statusCode: 503, code: 'disk_full' });
    expect((await e.app.inject({ method: 'GET', url: `/api/links/${e.token}` })).statusCode).toBe(200);
    expect((await e.health()).json()).toMatchObject({ status: 'degraded', problem: expect.stringMatching(/150 MB free .* below MIN_FREE_DISK_MB=200/) });
    expect(e.notices).toContainEqual(expect.stringMatching(/^error: Disk nearly full: only 150 MB free on the disk of the data folder .* refused with 503/));

    free = 50_000 * MB;
    await until(async () => (await e.health()).statusCode === 200);
    expect((await e.submit()).statusCode).toBe(201);
    expect(e.notices).toContainEqual(expect.stringMatching(/^info: Disk space is back/));
    expect(await e.stored()).toBe(2);
  });
});

describe('a statement that never returns', () => {
  let dir: string;
  let e: Awaited<ReturnType<typeof openEmbedded>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'watchdog-'));
    e = await openEmbedded(join(dir, 'data'), { queryTimeoutMs: 5000, diskCheckMs: 100 });
  }, 180_000);
  afterAll(async () => {
    await closeEmbedded(e);
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with 503 after the limit while the server keeps answering, and the database comes back by itself with every commit', async () => {
    expect((await e.submit()).statusCode).toBe(201);
    // PostgreSQL holding its thread, as when it spins on a full disk: pg_sleep runs inside WebAssembly, uninterruptible.
    // Orders, not clocks, prove the point, so a loaded machine cannot fail it: health answers while the statement
    // is still stuck, and the statement ends in a 503 long before pg_sleep's 60 s would have let it succeed.
    let settled = false;
    const stuck = sql`select pg_sleep(60)`.execute(e.handle.db).finally(() => (settled = true));
    const queued = e.submit();
    const health = await e.health();
    expect(health.statusCode).toBe(200);
    expect(settled, '/api/health answered while the statement was stuck').toBe(false);

    await expect(stuck).rejects.toMatchObject({ statusCode: 503, code: 'database_unavailable' });
    const answer = await queued;
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'database_unavailable', message: expect.stringMatching(/try again/i) });
    expect(e.notices).toContainEqual(expect.stringMatching(/^error: A statement of the embedded database ran longer than 5 s: ending and restarting/));

    await until(async () => (await e.health()).statusCode === 200);
    expect(e.notices).toContainEqual('info: The embedded database is back');
    expect((await e.submit()).statusCode).toBe(201);
    expect(await e.stored()).toBe(2);
  });
});

/** `server/main.ts` run to its end: what it printed and how it exited. */
function runServerToExit(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DEMO: '0', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise<{ code: number | null; output: string }>((done) => child.once('exit', (code) => done({ code, output })));
}

const REFUSAL =
  /^Not starting: the disk of the data folder .* has \d+ MB free, below MIN_FREE_DISK_MB=\d+\. .*Free some space, set DATA_DIR to a folder on a larger disk, or use PostgreSQL/m;

describe('a start on a nearly full disk', () => {
  it('is refused with a message that says what to do, before the database is touched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refused-'));
    try {
      const { code, output } = await runServerToExit({ DATA_DIR: join(dir, 'data'), MIN_FREE_DISK_MB: String(100_000_000) });
      expect(code).toBe(1);
      expect(output).toMatch(REFUSAL);
      expect(output).not.toMatch(/ErrnoError|\bat .*\.ts:\d/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A small disk of its own (tmpfs), where the test may mount one: root in a container or CI. */
async function mountSmallDisk(sizeMb: number) {
  const dir = await mkdtemp(join(tmpdir(), 'small-disk-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]).status !== 0) {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    /** Writes a file that leaves `bytes` free on this disk. */
    async fillLeaving(bytes: number) {
      const stats = await statfs(dir);
      await writeFile(join(dir, 'filler'), Buffer.alloc(Math.max(0, stats.bavail * stats.bsize - bytes)));
    },
    empty: () => rm(join(dir, 'filler'), { force: true }),
    async unmount() {
      spawnSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const probe = await mountSmallDisk(1);
await probe?.unmount();
if (!probe) console.warn('disk-full.test: cannot mount a tmpfs here (not root?); the tests on a real small disk are skipped');

describe.runIf(probe)('a real small disk (tmpfs)', () => {
  it('refuses to start on it when it has less than MIN_FREE_DISK_MB free', async () => {
    const disk = (await mountSmallDisk(64))!;
    try {
      const { code, output } = await runServerToExit({ DATA_DIR: join(disk.dir, 'data') });
      expect(code).toBe(1);
      expect(output).toMatch(REFUSAL);
      expect(output).toMatch(/below MIN_FREE_DISK_MB=200/);
    } finally {
      await disk.unmount();
    }
  }, 60_000);

  it('survives PostgreSQL meeting the full disk itself: 503 at once, no hang, and back by itself once space is freed', async () => {
    const disk = (await mountSmallDisk(160))!;
    // The guard sees plenty of room, as when the disk fills between two of its looks: PGlite meets ENOSPC itself.
    const e = await openEmbedded(join(disk.dir, 'data'), { freeSpace: async () => 50_000 * MB, diskCheckMs: 200 });
    try {
      expect((await e.submit()).statusCode).toBe(201);
      await disk.fillLeaving(0);
      // The next write needs a new write-ahead log segment, which the disk cannot hold.
      await sql`select pg_switch_wal()`.execute(e.handle.db);
      const started = Date.now();
      const refused = await e.submit();
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ code: 'database_unavailable' });
      // Refused by the write error itself, not by the statement watchdog (30 s by default): a bound against a hang.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(e.notices).toContainEqual(expect.stringMatching(/^error: The embedded database could not write to its disk \(.*No space left on device/));
      expect((await e.health()).statusCode).toBe(503);

      await disk.empty();
      await until(async () => (await e.health()).statusCode === 200);
      expect((await e.submit()).statusCode).toBe(201);
      expect(await e.stored()).toBe(2);
    } finally {
      await closeEmbedded(e);
      await disk.unmount();
    }
  }, 300_000);

  it('as a server process: refuses answers while the disk is nearly full, answers /api/health, comes back, and stops on SIGTERM', async () => {
    const disk = (await mountSmallDisk(160))!;
    const dataDir = join(disk.dir, 'data');
    const store: ServerStore = {
      env: { DATA_DIR: dataDir, MIN_FREE_DISK_MB: '30' },
      async open() {
        return connectDatabase({ databaseUrl: null, dataDir, embedded: { minFreeBytes: 30 * MB } });
      },
      dispose: () => disk.unmount(),
    };
    const setup = await store.open();
    await migrateToLatest(setup.db);
    const world = await newWorld(setup.db);
    const { token } = await newLink(setup.db, world.wave.id, world.school.id, 'teacher');
    await setup.close();

    const server = await startServerProcess(store, await freePort());
    try {
      const submit = () => request(server.url, 'POST', `/api/links/${token}/responses`, { answers: countedAnswers('teacher'), clientKey: randomUUID() });
      const health = () => request(server.url, 'GET', '/api/health');
      expect((await submit()).status).toBe(201);

      await disk.fillLeaving(10 * MB);
      await until(async () => (await health()).status === 503, 30_000);
      const refused = await submit();
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body).code).toBe('disk_full');
      expect(server.lines.some((l) => l.includes('Disk nearly full') && l.includes('"level":50'))).toBe(true);

      await disk.empty();
      await until(async () => (await health()).status === 200, 30_000);
      expect((await submit()).status).toBe(201);

      await disk.fillLeaving(10 * MB);
      await until(async () => (await health()).status === 503, 30_000);
      const stopping = Date.now();
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      // A bound against a hang, not a speed target: a loaded machine may take seconds to stop.
      expect(Date.now() - stopping).toBeLessThan(30_000);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await store.dispose();
    }
  }, 300_000);
});
