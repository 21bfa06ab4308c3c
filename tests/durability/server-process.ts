import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DatabaseKind } from '../../server/db/connect.js';
import { migrateToLatest } from '../../server/db/migrate.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Where the server process keeps its data, and how the test reaches the same data. PGlite is one process's
 * database: the test opens it only while no server runs.
 */
export interface ServerStore {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

export async function newServerStore(kind: DatabaseKind): Promise<ServerStore> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'durability-'));
    const dataDir = join(dir, 'data');
    const open = async () => {
      const handle = await connectDatabase({ databaseUrl: null, dataDir });
      await migrateToLatest(handle.db);
      return handle;
    };
    return { env: { DATA_DIR: dataDir }, open, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `d_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  const open = async () => {
    const handle = await connectDatabase({ databaseUrl: url, dataDir: '', schema, poolSize: 5 });
    await migrateToLatest(handle.db, schema);
    return handle;
  };
  return {
    env: { DATABASE_URL: withSchema.toString() },
    open,
    async dispose() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line the server printed (its JSON log at LOG_LEVEL=info). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `server/main.ts` as production runs it, in its own process, on the given store and port. */
export async function startServerProcess(store: ServerStore, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      ...store.env,
      DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  const collect = (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${lines.join('\n')}`);
    const res = await request(url, 'GET', '/api/health').catch(() => null);
    if (res?.status === 200) return { url, child, lines, exited };
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${lines.join('\n')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

export interface Reply {
  status: number;
  body: string;
}

/** One request on its own connection (no keep-alive), as many phones each on their own network. */
export function request(url: string, method: string, path: string, body?: unknown): Promise<Reply> {
  return new Promise((done, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${url}${path}`, {
      method,
      agent: false,
      headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode!, body: text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(payload);
  });
}
