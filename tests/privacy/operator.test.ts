import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_OPERATOR } from '../helpers/operator.js';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe.each(TEST_DATABASES)('the operator of personal data on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn & { email: string };
  let coordinator: LoggedIn;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let token: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    // A fresh deployment: nobody has filled the details in yet.
    await db.deleteFrom('operator_details').execute();
    world = await newWorld(db);
    token = (await newLink(db, world.wave.id, world.school.id, 'student')).token;
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: world.region.id });
  });
  afterAll(() => t?.close());

  const put = (payload: Record<string, unknown>, who: LoggedIn = admin) =>
    t.app.inject({ method: 'PUT', url: '/api/admin/operator', headers: who.headers, payload });
  const createWave = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/admin/waves',
      headers: admin.headers,
      payload: { regionId: world.region.id, title: 'Весна', opensAt: inDays(-1), closesAt: inDays(20), modelId: world.wave.model_id },
    });
  const auditRows = () => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'operator.update').orderBy('id').execute();

  it('refuses to open a wave, or to keep one running by new dates, until the operator is known', async () => {
    const created = await createWave();
    expect(created.statusCode).toBe(409);
    expect(created.json()).toMatchObject({ statusCode: 409, code: 'operator_details_missing' });
    expect(await t.database.db.selectFrom('waves').select('id').execute()).toHaveLength(1);

    const extended = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/waves/${world.wave.id}`,
      headers: admin.headers,
      payload: { closesAt: inDays(30) },
    });
    expect(extended.statusCode).toBe(409);
    expect(extended.json().code).toBe('operator_details_missing');
  });

  it('says publicly, without a login, that there is no operator yet; the link facts say so too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/operator' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ operator: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${token}` })).json().operator).toBeNull();
  });

  it('refuses wrong details with a clear code and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...TEST_OPERATOR, name: '  ' }, 'operator_name_required'],
      [{ ...TEST_OPERATOR, address: 'а' }, 'operator_address_required'],
      [{ ...TEST_OPERATOR, email: 'pd-minobr.test' }, 'operator_email_invalid'],
      [{ ...TEST_OPERATOR, phone: 'звоните' }, 'operator_phone_invalid'],
      // The last digit of a valid ИНН changed: 7707083893 → 7707083894.
      [{ ...TEST_OPERATOR, inn: '7707083894' }, 'operator_inn_invalid'],
      [{ ...TEST_OPERATOR, ogrn: '1027700132194' }, 'operator_ogrn_invalid'],
    ];
    for (const [payload, code] of cases) {
      const res = await put(payload);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().code).toBe(code);
    }
    const unknownField = await put({ ...TEST_OPERATOR, passport: '1234' });
    expect(unknownField.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('operator_details').selectAll().execute()).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it('lets only an administrator save them', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/admin/operator', payload: TEST_OPERATOR })).statusCode).toBe(401);
    expect((await put(TEST_OPERATOR, coordinator)).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('operator_details').selectAll().execute()).toEqual([]);
  });

  it('saves trimmed details, empty optional fields as none, audited with who and what', async () => {
    const res = await put({ name: `  ${TEST_OPERATOR.name} `, address: TEST_OPERATOR.address, email: ' pd@minobr.test ', phone: '', inn: ' ', ogrn: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: TEST_OPERATOR.name, email: 'pd@minobr.test', phone: null, inn: null, ogrn: null });
    const [entry] = await auditRows();
    const adminId = (await t.database.db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow()).id;
    expect(entry).toMatchObject({ user_id: adminId, entity: 'operator', entity_id: '1' });
    expect(entry!.details).toMatchObject({ before: null, after: { name: TEST_OPERATOR.name, phone: null } });

    const again = await put(TEST_OPERATOR);
    expect(again.json()).toMatchObject({ inn: '7707083893', ogrn: '1027700132195', phone: '+7 (800) 100-00-00' });
    const rows = await auditRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]!.details).toMatchObject({ before: { inn: null }, after: { inn: '7707083893' } });
    expect(await t.database.db.selectFrom('operator_details').selectAll().execute()).toHaveLength(1);
  });

  it('publishes exactly the public fields to anyone, and names the operator in the link facts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/operator' });
    expect(res.statusCode).toBe(200);
    const { operator } = res.json();
    expect(Object.keys(operator).sort()).toEqual(['address', 'email', 'inn', 'name', 'ogrn', 'phone', 'updatedAt']);
    expect(operator).toMatchObject(TEST_OPERATOR);
    expect(Date.now() - Date.parse(operator.updatedAt)).toBeLessThan(60_000);
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${token}` })).json().operator).toEqual({ name: TEST_OPERATOR.name });
  });

  it('opens waves once the operator is known', async () => {
    expect((await createWave()).statusCode).toBe(201);
  });
});
