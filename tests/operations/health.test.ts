import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../../server/app.js';
import type { Database } from '../../server/db/schema.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';

describe.each(TEST_DATABASES)('/api/health on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t?.close());

  it('answers 200 while the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });
});

describe('/api/health when PostgreSQL is unreachable', () => {
  let app: App;
  let db: Kysely<Database>;
  let pool: pg.Pool;
  beforeAll(async () => {
    // Port 1 on this machine: nothing listens, so every connection is refused at once.
    pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/x' });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    app = await buildApp({ db, dbKind: 'postgresql', pool });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('answers 503 with the problem, and asks the database once for polls close together', async () => {
    const connects: number[] = [];
    const connect = pool.connect.bind(pool);
    pool.connect = ((...args: Parameters<typeof connect>) => {
      connects.push(Date.now());
      return connect(...args);
    }) as typeof pool.connect;
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'degraded', database: 'postgresql', problem: 'database unreachable: ECONNREFUSED' });
    }
    expect(connects).toHaveLength(1);
  });
});
