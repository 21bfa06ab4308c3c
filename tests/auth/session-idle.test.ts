import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../server/auth/sessions.repository.js';
import { sha256 } from '../../server/shared/hash.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, TEST_PASSWORD } from '../helpers/auth.js';

const MINUTE = 60_000;

describe.each(TEST_DATABASES)('staff sessions end when idle on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t?.close());

  async function session() {
    const account = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    const idHash = sha256(account.cookie.slice('sid='.length));
    const row = () => t.database.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('id_hash', '=', idHash).executeTakeFirstOrThrow();
    /** Moves the session into the past: logged in `ago` ms ago, its idle end at `left` ms from now. */
    // created_at is never written by the application, so the schema's type forbids it: the test writes it in SQL.
    const age = (ago: number, left: number) =>
      sql`update sessions set created_at = ${new Date(Date.now() - ago)}, expires_at = ${new Date(Date.now() + left)} where id_hash = ${idHash}`.execute(
        t.database.db,
      );
    const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: account.cookie } });
    return { account, row, age, me };
  }

  it('lasts 30 idle minutes from login, in a cookie that lasts the 12 hours a session may', async () => {
    const before = Date.now();
    const { row, account } = await session();
    const { created_at, expires_at } = await row();
    expect(SESSION_IDLE_MS).toBe(30 * MINUTE);
    expect(expires_at.getTime() - created_at.getTime()).toBe(30 * MINUTE);
    expect(created_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The browser keeps the cookie while the session may live; the server decides when it ended.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: account.email, password: TEST_PASSWORD } });
    const expires = again.cookies.find((c) => c.name === 'sid')!.expires!.getTime();
    expect(Math.abs(expires - (Date.now() + 12 * 60 * MINUTE))).toBeLessThan(5000);
  });

  it('slides the end 30 minutes past each request', async () => {
    const { age, row, me } = await session();
    // 20 minutes without a request: 10 are left, and the request brings them back to 30.
    await age(20 * MINUTE, 10 * MINUTE);
    const before = Date.now();
    expect((await me()).statusCode).toBe(200);
    const { expires_at } = await row();
    expect(expires_at.getTime()).toBeGreaterThanOrEqual(before + 30 * MINUTE - 1000);
    expect(expires_at.getTime()).toBeLessThanOrEqual(Date.now() + 30 * MINUTE + 1000);
  });

  it('ends after 30 idle minutes, and says so', async () => {
    const { age, me } = await session();
    await age(31 * MINUTE, -MINUTE);
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });

  it('ends 12 hours after login however busy, and never slides past that', async () => {
    const { age, row, me } = await session();
    await age(SESSION_MAX_MS - 10 * MINUTE, 5 * MINUTE);
    expect((await me()).statusCode).toBe(200);
    const { created_at, expires_at } = await row();
    expect(expires_at.getTime()).toBe(created_at.getTime() + SESSION_MAX_MS);
    await age(SESSION_MAX_MS + MINUTE, 20 * MINUTE);
    expect((await me()).json().code).toBe('session_expired');
  });

  it('tells a request without any cookie to log in, not that a session ended', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.json().code).toBe('unauthenticated');
  });
});
