import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { LightMyRequestResponse } from 'fastify';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newWorld } from '../helpers/fixtures.js';
import { login, newLoggedInAccount, TEST_PASSWORD } from '../helpers/auth.js';
import { createAccount, ensureAdmin } from '../../server/auth/accounts.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import { sha256 } from '../../server/shared/hash.js';
import { InvitationView, Session } from '../../server/auth/session.schemas.js';
import { buildApp } from '../../server/app.js';
import { STAFF_CONSENT_VERSION } from '../../server/shared/rules/staff-consent.js';
import { parseTrustProxy } from '../../server/security/trust-proxy.js';

/** The answer as the client receives it: exactly the documented schema, and no secret of the account. */
function expectSession(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(Value.Errors(Session, body)).toEqual([]);
  expect(Object.keys(body.user).join()).not.toMatch(/password|hash|disabled/i);
  return body as Session;
}

describe.each(TEST_DATABASES)('accounts and sessions on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
  });
  afterAll(() => t?.close());

  const me = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/me', headers });

  it('logs in with e-mail and password, sets an httpOnly SameSite cookie and tells who is logged in', async () => {
    await createAccount(t.database.db, { email: 'Region@Example.org', password: TEST_PASSWORD, role: 'region', regionId: world.region.id });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ' region@example.org ', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const who = await me({ cookie: `sid=${cookie.value}` });
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ email: 'region@example.org', role: 'region', regionId: world.region.id });
  });

  it('answers login and /api/me with the whole principal as documented, and nothing more', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'region@example.org', password: TEST_PASSWORD } });
    const loggedIn = expectSession(res);
    expect(loggedIn.user).toEqual({
      id: expect.any(Number),
      email: 'region@example.org',
      name: '',
      role: 'region',
      regionId: world.region.id,
      municipalityId: null,
      schoolId: null,
    });
    const sid = res.cookies.find((c) => c.name === 'sid')!.value;
    const who = expectSession(await me({ cookie: `sid=${sid}` }));
    expect(who).toEqual(loggedIn);

    const team = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: world.school.id });
    expect(expectSession(await me({ cookie: team.cookie })).user).toMatchObject({
      role: 'school',
      schoolId: world.school.id,
      municipalityId: world.municipality.id,
      regionId: world.region.id,
    });
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    // X-Forwarded-Proto is believed only from a proxy named in TRUST_PROXY; here one on this machine.
    const proxied = await buildApp({ db: t.database.db, dbKind: kind, trustProxy: parseTrustProxy('loopback') });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'region@example.org', password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.cookies.find((c) => c.name === 'sid')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password and an unknown e-mail alike with 401', async () => {
    for (const payload of [
      { email: 'region@example.org', password: 'wrong-password' },
      { email: 'nobody@example.org', password: TEST_PASSWORD },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'invalid_credentials' });
    }
  });

  it('answers 401 without a session and after logout', async () => {
    expect((await me()).statusCode).toBe(401);
    const session = await login(t.app, 'region@example.org');
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(200);
    expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
  });

  it('refuses a change without the CSRF token', async () => {
    const session = await login(t.app, 'region@example.org');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
  });

  it('ends an expired session', async () => {
    const session = await login(t.app, 'region@example.org');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', sha256(session.cookie.slice(4)))
      .execute();
    expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
  });

  it('gives a new session id at every login, so a planted session is never promoted', async () => {
    const first = await login(t.app, 'region@example.org');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'region@example.org', password: TEST_PASSWORD },
      headers: { cookie: first.cookie },
    });
    const second = res.cookies.find((c) => c.name === 'sid')!.value;
    expect(`sid=${second}`).not.toBe(first.cookie);
    expect((await me({ cookie: first.cookie })).statusCode).toBe(401);
  });

  it('changes the password and ends the other sessions of the account', async () => {
    const account = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: world.school.id });
    const other = await login(t.app, account.email);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: account.headers,
      payload: { currentPassword: 'nope', newPassword: 'new password 1' },
    });
    expect(wrong.statusCode).toBe(400);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: account.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: account.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'new password 1' },
    });
    expect(expectSession(ok).user).toMatchObject({ email: account.email, schoolId: world.school.id });
    expect((await me({ cookie: other.cookie })).statusCode).toBe(401);
    await expect(login(t.app, account.email)).rejects.toThrow(/401/);
    await login(t.app, account.email, 'new password 1');
  });

  it('sets the password through a one-time invitation link', async () => {
    const user = await createAccount(t.database.db, { email: 'invited@example.org', role: 'municipality', municipalityId: world.municipality.id });
    await expect(login(t.app, 'invited@example.org')).rejects.toThrow(/401/);
    const token = await createInvitation(t.database.db, user.id);
    const info = await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` });
    expect(info.json()).toMatchObject({ email: 'invited@example.org' });
    expect(Value.Errors(InvitationView, info.json())).toEqual([]);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}`,
      payload: { password: 'my own password', consentVersion: STAFF_CONSENT_VERSION },
    });
    expect(expectSession(accept).user).toMatchObject({ email: 'invited@example.org', municipalityId: world.municipality.id, regionId: world.region.id });
    expect(accept.cookies.some((c) => c.name === 'sid')).toBe(true);
    const again = await t.app.inject({ method: 'POST', url: `/api/auth/invitations/${token}`, payload: { password: 'another password' } });
    expect(again.statusCode).toBe(410);
    await login(t.app, 'invited@example.org', 'my own password');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/invitations/not-a-real-token-at-all' })).statusCode).toBe(404);
  });

  it('refuses an expired invitation', async () => {
    const user = await createAccount(t.database.db, { email: 'late@example.org', role: 'admin' });
    const token = await createInvitation(t.database.db, user.id, new Date(Date.now() - 30 * 24 * 3600 * 1000));
    const res = await t.app.inject({ method: 'POST', url: `/api/auth/invitations/${token}`, payload: { password: 'my own password' } });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('invitation_expired');
  });

  it('creates the first administrator once and never overwrites it', async () => {
    expect(await ensureAdmin(t.database.db, 'first-admin@example.org', 'admin password 1')).toBe('created');
    expect(await ensureAdmin(t.database.db, 'first-admin@example.org', 'other password 2')).toBe('exists');
    await login(t.app, 'first-admin@example.org', 'admin password 1');
  });

  it('limits password guessing for one account', async () => {
    await createAccount(t.database.db, { email: 'target@example.org', password: TEST_PASSWORD, role: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@example.org', password: `guess-${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@example.org', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(429);
  });
});
