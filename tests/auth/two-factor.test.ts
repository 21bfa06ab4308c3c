import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { createAccount } from '../../server/auth/accounts.js';
import { FAILED_LOGINS_PER_ACCOUNT } from '../../server/auth/failed-logins.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newRegion } from '../helpers/fixtures.js';
import { login, TEST_PASSWORD, type LoggedIn } from '../helpers/auth.js';

/** The code an authenticator app shows `steps` 30-second steps from now. */
const codeAt = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

/** A six-digit code that is none of the window's three. */
function wrongCode(secret: string) {
  const near = new Set([-1, 0, 1].map((s) => codeAt(secret, s)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

let accounts = 0;

describe.each(TEST_DATABASES)('TOTP second factor on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let regionId: number;

  beforeAll(async () => {
    t = await openTestApp(kind);
    regionId = (await newRegion(t.database.db)).id;
    await createAccount(t.database.db, { email: 'tfa-admin@test.local', role: 'admin', password: TEST_PASSWORD });
    admin = await login(t.app, 'tfa-admin@test.local');
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const passwordStep = (email: string) => post('/api/auth/login', { email, password: TEST_PASSWORD });

  /** A regional account with the second factor on: its secret, and the step its confirming code used up. */
  async function enrolled() {
    const email = `tfa-region-${++accounts}@test.local`;
    const user = await createAccount(t.database.db, { email, role: 'region', regionId, password: TEST_PASSWORD });
    const session = await login(t.app, email);
    const setup = await post('/api/auth/two-factor/setup', undefined, session.headers);
    const { secret } = setup.json();
    expect((await post('/api/auth/two-factor/enable', { code: codeAt(secret) }, session.headers)).statusCode).toBe(200);
    return { email, id: user.id, secret, session };
  }

  it('sets up from a QR address, confirms with a code, and records it', async () => {
    const email = `tfa-region-${++accounts}@test.local`;
    const user = await createAccount(t.database.db, { email, role: 'region', regionId, password: TEST_PASSWORD });
    const session = await login(t.app, email);
    const status = () => t.app.inject({ method: 'GET', url: '/api/auth/two-factor', headers: session.headers });
    expect((await status()).json()).toEqual({ enabled: false });
    // Confirming before a setup has nothing to confirm.
    expect((await post('/api/auth/two-factor/enable', { code: '123456' }, session.headers)).json().code).toBe('two_factor_not_set_up');

    const setup = (await post('/api/auth/two-factor/setup', undefined, session.headers)).json();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(setup.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(setup.secret);
    expect(decodeURIComponent(uri.pathname)).toContain(email);
    // Not on until a code proves the app holds the secret.
    expect((await status()).json()).toEqual({ enabled: false });
    expect((await passwordStep(email)).json()).toHaveProperty('user');

    const wrong = await post('/api/auth/two-factor/enable', { code: wrongCode(setup.secret) }, session.headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('wrong_code');
    expect((await post('/api/auth/two-factor/enable', { code: 'abcdef' }, session.headers)).statusCode).toBe(400);
    expect((await post('/api/auth/two-factor/enable', { code: codeAt(setup.secret) }, session.headers)).statusCode).toBe(200);
    expect((await status()).json()).toEqual({ enabled: true });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(user.id))
      .where('action', 'not like', 'auth.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['two_factor.enable']);
    // Set up again only after turning it off.
    expect((await post('/api/auth/two-factor/setup', undefined, session.headers)).statusCode).toBe(409);
  });

  it('asks for the code after the password, and the password step opens nothing', async () => {
    const { email, secret } = await enrolled();
    const first = await passwordStep(email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ secondFactor: 'totp', challenge: expect.any(String) });
    expect(first.headers['set-cookie']).toBeUndefined();
    const { challenge } = first.json();
    // The challenge is no session cookie.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sid=${challenge}` } })).statusCode).toBe(401);

    const wrong = await post('/api/auth/login/code', { challenge, code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('wrong_code');

    // The next step's code, within the window of one step.
    const ok = await post('/api/auth/login/code', { challenge, code: codeAt(secret, 1) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email);
    const sid = ok.cookies.find((c) => c.name === 'sid')!.value;
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sid=${sid}` } })).statusCode).toBe(200);
    // The challenge ended with its use.
    expect((await post('/api/auth/login/code', { challenge, code: codeAt(secret, 1) })).json().code).toBe('login_challenge_expired');
  });

  it('never takes a code twice, nor one older than the last taken', async () => {
    const { email, secret } = await enrolled();
    // The code that confirmed the setup is used up already.
    const again = await post('/api/auth/login/code', { challenge: (await passwordStep(email)).json().challenge, code: codeAt(secret) });
    expect(again.json().code).toBe('wrong_code');
    const code = codeAt(secret, 1);
    expect((await post('/api/auth/login/code', { challenge: (await passwordStep(email)).json().challenge, code })).statusCode).toBe(200);
    // The same code seen over a shoulder, at once, on a fresh password step.
    const replay = await post('/api/auth/login/code', { challenge: (await passwordStep(email)).json().challenge, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('wrong_code');
    // The step before, still inside the window, is older than the one taken.
    const older = await post('/api/auth/login/code', { challenge: (await passwordStep(email)).json().challenge, code: codeAt(secret, 0) });
    expect(older.json().code).toBe('wrong_code');
  });

  it('ends a challenge after five minutes', async () => {
    const { email, secret } = await enrolled();
    const { challenge } = (await passwordStep(email)).json();
    await sql`update login_challenges set expires_at = now() - interval '1 second'`.execute(t.database.db);
    const res = await post('/api/auth/login/code', { challenge, code: codeAt(secret, 1) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('login_challenge_expired');
  });

  it('counts wrong codes toward the login limit of the account', async () => {
    const { email, secret } = await enrolled();
    const { challenge } = (await passwordStep(email)).json();
    const code = wrongCode(secret);
    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT.max; i++) {
      expect((await post('/api/auth/login/code', { challenge, code })).statusCode).toBe(401);
    }
    // Now even the right code waits, and so does the password step.
    const limited = await post('/api/auth/login/code', { challenge, code: codeAt(secret, 1) });
    expect(limited.statusCode).toBe(429);
    expect((await passwordStep(email)).statusCode).toBe(429);
  });

  it('lets an administrator reset another account’s second factor, on the record', async () => {
    const { email, id, session } = await enrolled();
    expect((await post(`/api/admin/accounts/${id}/two-factor/reset`, undefined, session.headers)).statusCode).toBe(403);
    expect((await post(`/api/admin/accounts/999999/two-factor/reset`, undefined, admin.headers)).statusCode).toBe(404);
    const listed = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: admin.headers })).json().find((a: { id: number }) => a.id === id).twoFactor;
    expect(await listed()).toBe(true);
    expect((await post(`/api/admin/accounts/${id}/two-factor/reset`, undefined, admin.headers)).statusCode).toBe(200);
    expect(await listed()).toBe(false);
    // The password alone logs in again, until the owner sets a new second factor up.
    expect((await passwordStep(email)).json()).toHaveProperty('user');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'details'])
      .where('entity_id', '=', String(id))
      .where('action', '=', 'account.two_factor_reset')
      .executeTakeFirstOrThrow();
    const adminId = (await t.database.db.selectFrom('users').select('id').where('email', '=', 'tfa-admin@test.local').executeTakeFirstOrThrow()).id;
    expect(audit.user_id).toBe(adminId);
    expect(audit.details).toEqual({ had: true });
  });

  it('turns off only with the password', async () => {
    const { email, session } = await enrolled();
    const wrong = await post('/api/auth/two-factor/disable', { password: 'not the password' }, session.headers);
    expect(wrong.json().code).toBe('wrong_password');
    expect((await passwordStep(email)).json()).toHaveProperty('secondFactor');
    expect((await post('/api/auth/two-factor/disable', { password: TEST_PASSWORD }, session.headers)).statusCode).toBe(200);
    expect((await passwordStep(email)).json()).toHaveProperty('user');
  });
});
