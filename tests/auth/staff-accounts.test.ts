import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newSchool, newWorld } from '../helpers/fixtures.js';
import { login, newLoggedInAccount, TEST_PASSWORD, type LoggedIn } from '../helpers/auth.js';
import { createAccount } from '../../server/auth/accounts.js';
import { STAFF_CONSENT_VERSION } from '../../server/shared/rules/staff-consent.js';
import type { Session } from '../../server/auth/session.schemas.js';

const INVITED_PASSWORD = 'birch river lantern';

describe.each(TEST_DATABASES)('staff accounts under 152-FZ on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let admin: LoggedIn & { email: string };

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const consents = (userId: number) =>
    t.database.db.selectFrom('staff_consents').select(['version', 'given_at']).where('user_id', '=', userId).orderBy('id').execute();

  /** An account created by the administrator through the API, with its invitation token. */
  async function invite(email: string) {
    const res = await inject('POST', '/api/admin/accounts', admin.headers, { email, name: 'Завуч Петрова', role: 'school', schoolId: world.school.id });
    expect(res.statusCode).toBe(201);
    return { id: res.json().account.id as number, token: (res.json().invitePath as string).split('/').pop()! };
  }

  it('refuses to accept an invitation without the current consent, and records the consent given with it', async () => {
    const { id, token } = await invite('consent.check@school.ru');
    const accept = (payload: object) => t.app.inject({ method: 'POST', url: `/api/auth/invitations/${token}`, payload });
    for (const refused of [{ password: INVITED_PASSWORD }, { password: INVITED_PASSWORD, consentVersion: '2020-01-01' }]) {
      const res = await accept(refused);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('consent_required');
    }
    // Nothing was half-written: no password, no consent, and the invitation still works.
    expect((await t.database.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash).toBeNull();
    expect(await consents(id)).toEqual([]);

    const before = Date.now();
    const res = await accept({ password: INVITED_PASSWORD, consentVersion: STAFF_CONSENT_VERSION });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Session).consentRequired).toBe(false);
    const [consent, ...more] = await consents(id);
    expect(more).toEqual([]);
    expect(consent.version).toBe(STAFF_CONSENT_VERSION);
    expect(consent.given_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(consent.given_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('asks an account again when the consent text has a new version, and lets it in once it agrees', async () => {
    const user = await createAccount(t.database.db, { email: 'old.consent@school.ru', password: TEST_PASSWORD, role: 'school', schoolId: world.school.id });
    await t.database.db
      .insertInto('staff_consents')
      .values({ user_id: user.id, version: '2020-01-01', given_at: new Date('2021-03-01T09:00:00Z') })
      .execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect((res.json() as Session).consentRequired).toBe(true);
    const session = await login(t.app, user.email);
    const me = await inject('GET', '/api/me', session.headers);
    expect((me.json() as Session).consentRequired).toBe(true);

    const refused = await inject('POST', '/api/auth/consent', session.headers, { consentVersion: '2020-01-01' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('consent_required');
    const agreed = await inject('POST', '/api/auth/consent', session.headers, { consentVersion: STAFF_CONSENT_VERSION });
    expect(agreed.statusCode).toBe(200);
    expect((agreed.json() as Session).consentRequired).toBe(false);
    expect((await consents(user.id)).map((c) => c.version)).toEqual(['2020-01-01', STAFF_CONSENT_VERSION]);
    expect(((await inject('GET', '/api/me', session.headers)).json() as Session).consentRequired).toBe(false);
  });

  it('records every login and shows the one before it', async () => {
    const user = await createAccount(t.database.db, { email: 'logins@school.ru', password: TEST_PASSWORD, role: 'school', schoolId: world.school.id });
    const loginOnce = async () =>
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })).json() as Session;
    const times = () => t.database.db.selectFrom('users').select(['last_login_at', 'previous_login_at']).where('id', '=', user.id).executeTakeFirstOrThrow();

    expect((await loginOnce()).previousLoginAt).toBeNull();
    const first = await times();
    expect(first.last_login_at).not.toBeNull();
    expect(first.previous_login_at).toBeNull();

    const second = await loginOnce();
    expect(second.previousLoginAt).toBe(first.last_login_at!.toISOString());
    const after = await times();
    expect(after.previous_login_at!.toISOString()).toBe(first.last_login_at!.toISOString());
    expect(after.last_login_at!.getTime()).toBeGreaterThanOrEqual(first.last_login_at!.getTime());

    // A wrong password is no login.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'not the password' } })).statusCode).toBe(401);
    expect((await times()).last_login_at!.toISOString()).toBe(after.last_login_at!.toISOString());
  });

  it('shows a person the data kept about them and lets them correct their name, audited without the values', async () => {
    const person = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: world.school.id, name: 'Иванова' });
    await inject('POST', '/api/auth/consent', person.headers, { consentVersion: STAFF_CONSENT_VERSION });
    const data = (await inject('GET', '/api/me/data', person.headers)).json();
    expect(data).toMatchObject({
      email: person.email,
      name: 'Иванова',
      role: 'school',
      scopeName: world.school.name,
      consent: { version: STAFF_CONSENT_VERSION },
      currentConsentVersion: STAFF_CONSENT_VERSION,
      previousLoginAt: null,
    });
    expect(data.lastLoginAt).not.toBeNull();

    expect((await inject('PUT', '/api/me/data', person.headers, { name: '   ' })).json().code).toBe('name_required');
    expect((await inject('PUT', '/api/me/data', person.headers, { name: 'Иванова', email: 'other@x.ru' })).statusCode).toBe(400);
    const corrected = await inject('PUT', '/api/me/data', person.headers, { name: ' Иванова Мария Петровна ' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ name: 'Иванова Мария Петровна', email: person.email });

    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'entity_id', 'details'])
      .where('action', '=', 'account.self_update')
      .where('user_id', '=', data.id)
      .execute();
    expect(entries).toEqual([{ user_id: data.id, entity_id: String(data.id), details: { fields: ['name'] } }]);
  });

  it('lets the administrator correct a name and a territory of the kind the role has', async () => {
    const { id } = await invite('edit.me@school.ru');
    const other = await newSchool(t.database.db, world.municipality.id);
    expect((await inject('PUT', `/api/admin/accounts/${id}`, admin.headers, { name: 'Петрова А. А.', schoolId: other.id })).statusCode).toBe(200);
    const row = await t.database.db.selectFrom('users').select(['name', 'school_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Петрова А. А.', school_id: other.id });
    expect((await inject('PUT', `/api/admin/accounts/${id}`, admin.headers, { regionId: world.region.id })).json().code).toBe('scope_mismatch');
    expect((await inject('PUT', `/api/admin/accounts/${id}`, admin.headers, { schoolId: 999999 })).json().code).toBe('scope_not_found');
    expect((await inject('PUT', `/api/admin/accounts/${id}`, admin.headers, {})).json().code).toBe('nothing_to_change');
    expect((await inject('PUT', '/api/admin/accounts/999999', admin.headers, { name: 'x' })).statusCode).toBe(404);
  });

  it('anonymises only a disabled account, which keeps its audit trail by id and can no longer log in', async () => {
    const { id, token } = await invite('leaving@school.ru');
    await t.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}`,
      payload: { password: INVITED_PASSWORD, consentVersion: STAFF_CONSENT_VERSION },
    });
    const session = await login(t.app, 'leaving@school.ru', INVITED_PASSWORD);
    await inject('PUT', '/api/me/data', session.headers, { name: 'Уходящая Сотрудница' });

    const active = await inject('POST', `/api/admin/accounts/${id}/anonymise`, admin.headers);
    expect(active.statusCode).toBe(409);
    expect(active.json().code).toBe('account_active');
    expect((await t.database.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email).toBe('leaving@school.ru');

    expect((await inject('POST', `/api/admin/accounts/${id}/disable`, admin.headers)).statusCode).toBe(200);
    await inject('POST', `/api/admin/accounts/${id}/invitation`, admin.headers);
    expect((await inject('POST', `/api/admin/accounts/${id}/anonymise`, admin.headers)).statusCode).toBe(200);

    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: `Удалённый пользователь №${id}`, email: `deleted-${id}@anonymised.invalid`, password_hash: null });
    expect(row.anonymised_at).not.toBeNull();
    expect(await t.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', id).execute()).toEqual([]);
    expect(await t.database.db.selectFrom('invitations').select('token_hash').where('user_id', '=', id).execute()).toEqual([]);

    // Neither the old address nor the placeholder logs in, and enabling it again is refused.
    await expect(login(t.app, 'leaving@school.ru', INVITED_PASSWORD)).rejects.toThrow(/401/);
    await expect(login(t.app, `deleted-${id}@anonymised.invalid`, INVITED_PASSWORD)).rejects.toThrow(/401/);
    expect((await inject('POST', `/api/admin/accounts/${id}/enable`, admin.headers)).json().code).toBe('already_anonymised');
    expect((await inject('POST', `/api/admin/accounts/${id}/anonymise`, admin.headers)).json().code).toBe('already_anonymised');

    // Its own entries are still its own, and the audit screen names it by its new name.
    const own = await t.database.db.selectFrom('audit_log').select('action').where('user_id', '=', id).orderBy('id').execute();
    expect(own.map((e) => e.action)).toEqual(['invitation.accept', 'auth.login', 'account.self_update']);
    const log = (await inject('GET', '/api/admin/audit?limit=500', admin.headers)).json();
    const byIt = log.entries.filter((e: { userId: number | null }) => e.userId === id);
    expect(byIt.map((e: { userName: string }) => e.userName)).toEqual([
      `Удалённый пользователь №${id}`,
      `Удалённый пользователь №${id}`,
      `Удалённый пользователь №${id}`,
    ]);
    const aboutIt = log.entries.filter((e: { entity: string; entityId: string }) => e.entity === 'user' && e.entityId === String(id));
    // The refused login by the anonymised address names the account, never the address typed.
    expect(aboutIt.map((e: { action: string }) => e.action)).toEqual([
      'auth.login_failed',
      'account.anonymise',
      'account.invite',
      'account.disable',
      'account.self_update',
      'auth.login',
      'invitation.accept',
      'account.create',
    ]);
    expect(new Set(aboutIt.map((e: { subjectName: string }) => e.subjectName))).toEqual(new Set([`Удалённый пользователь №${id}`]));
    expect(JSON.stringify(log)).not.toContain('leaving@school.ru');
    expect(JSON.stringify(log)).not.toContain('Уходящая');
  });

  it('writes no e-mail address into the details of any audit entry', async () => {
    const rows = await sql<{ id: number; action: string; details: string }>`select id, action, details::text as details from audit_log`.execute(t.database.db);
    // The flows above created, invited, accepted, logged in, consented, corrected, disabled and anonymised accounts.
    expect(new Set(rows.rows.map((r) => r.action))).toEqual(
      new Set([
        'account.create',
        'account.invite',
        'invitation.accept',
        'consent.give',
        'account.self_update',
        'account.update',
        'account.disable',
        'account.anonymise',
        'auth.login',
        'auth.login_failed',
        'audit.view',
      ]),
    );
    expect(rows.rows.filter((r) => r.details.includes('@'))).toEqual([]);
  });
});
