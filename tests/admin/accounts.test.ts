import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newWorld } from '../helpers/fixtures.js';
import { STAFF_CONSENT_VERSION } from '../../server/shared/rules/staff-consent.js';
import { login, newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';

describe.each(TEST_DATABASES)('account administration on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let admin: LoggedIn & { email: string };

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const post = (url: string, payload?: object, headers = admin.headers) => t.app.inject({ method: 'POST', url, payload, headers });

  it('creates a school account by invitation, and the invited person sets a password and logs in', async () => {
    const res = await post('/api/admin/accounts', { email: 'Team@School.ru', name: 'Завуч', role: 'school', schoolId: world.school.id });
    expect(res.statusCode).toBe(201);
    const { invitePath, account } = res.json();
    expect(account).toMatchObject({ email: 'team@school.ru', role: 'school' });
    const token = invitePath.split('/').pop();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/auth/invitations/${token}`,
          payload: { password: 'birch river lantern', consentVersion: STAFF_CONSENT_VERSION },
        })
      ).statusCode,
    ).toBe(200);
    const session = await login(t.app, 'team@school.ru', 'birch river lantern');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } })).json();
    expect(me.user).toMatchObject({ schoolId: world.school.id, municipalityId: world.municipality.id, regionId: world.region.id });
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: admin.headers })).json();
    expect(list.find((a: { email: string }) => a.email === 'team@school.ru')).toMatchObject({ status: 'active', scopeName: world.school.name });
  });

  it('refuses a duplicate e-mail, a missing or unknown territory, with a code the UI can explain', async () => {
    expect((await post('/api/admin/accounts', { email: 'team@school.ru', name: '', role: 'school', schoolId: world.school.id })).json().code).toBe(
      'email_taken',
    );
    expect((await post('/api/admin/accounts', { email: 'x@school.ru', name: '', role: 'region' })).json().code).toBe('scope_required');
    expect((await post('/api/admin/accounts', { email: 'y@school.ru', name: '', role: 'municipality', municipalityId: 999999 })).json().code).toBe(
      'scope_not_found',
    );
    expect((await post('/api/admin/accounts', { email: 'not-an-email', name: '', role: 'admin' })).statusCode).toBe(400);
  });

  it('disables an account, which ends its sessions, and enables it again', async () => {
    const coordinator = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: world.region.id });
    const id = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: coordinator.cookie } })).json().user.id;
    expect((await post(`/api/admin/accounts/${id}/disable`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: coordinator.cookie } })).statusCode).toBe(401);
    await expect(login(t.app, coordinator.email)).rejects.toThrow(/401/);
    expect((await post(`/api/admin/accounts/${id}/enable`)).statusCode).toBe(200);
    await login(t.app, coordinator.email);
  });

  it('writes every change to the audit log, readable by administrators only', async () => {
    const log = (await t.app.inject({ method: 'GET', url: '/api/admin/audit', headers: admin.headers })).json();
    const actions = log.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.create', 'account.disable', 'account.enable', 'invitation.accept']));
    const school = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: world.school.id });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/audit', headers: school.headers })).statusCode).toBe(403);
  });
});
