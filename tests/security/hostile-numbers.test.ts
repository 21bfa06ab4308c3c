import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { ensureModel, newWorld } from '../helpers/fixtures.js';

/**
 * Numbers no id can be: past PostgreSQL's integer, past a double (Ajv's coercion makes Infinity of it), 25 digits,
 * and the words a number parser reads as infinite.
 */
const HOSTILE_IDS = ['2147483648', '1e400', '-1e400', '1234567890123456789012345', 'Infinity', '0x7fffffff1', '0', '-1', '1.5'];

/** Moments PostgreSQL or JavaScript cannot hold, or no survey has any business with. */
const HOSTILE_INSTANTS = [
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2025-02-30T00:00:00Z',
  '2025-01-01T23:59:60Z',
  '2025-01-01T24:00:00Z',
];

interface Attempt {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  payload?: unknown;
}

describe.each(TEST_DATABASES)('hostile numbers on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let modelId: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
    modelId = await ensureModel(t.database.db);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const send = ({ method, url, payload }: Attempt) =>
    t.app.inject({ method, url, headers: admin.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function expectRefused(attempts: Attempt[]) {
    for (const attempt of attempts) {
      const res = await send(attempt);
      const what = `${attempt.method} ${attempt.url} ${JSON.stringify(attempt.payload ?? '')}`;
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect(res.json(), what).toMatchObject({ statusCode: 400, code: 'invalid_request', message: expect.any(String) });
    }
  }

  const newWave = (fields: Record<string, unknown>) => ({
    regionId: world.region.id,
    title: 'Волна',
    opensAt: '2025-03-01T00:00:00Z',
    closesAt: '2025-03-20T00:00:00Z',
    modelId,
    ...fields,
  });

  it('refuses an id out of range in the path, with 400 and the usual error', async () => {
    for (const id of HOSTILE_IDS) {
      await expectRefused([
        { method: 'GET', url: `/api/waves/${id}/participation` },
        { method: 'GET', url: `/api/waves/${id}/profiles` },
        { method: 'GET', url: `/api/waves/${world.wave.id}/schools/${id}/profile` },
        { method: 'GET', url: `/api/waves/${id}/schools/${world.school.id}/factors/R1/explanation` },
        { method: 'GET', url: `/api/admin/waves/${id}` },
        { method: 'PATCH', url: `/api/admin/waves/${id}`, payload: { title: 'Новое название' } },
        { method: 'GET', url: `/api/admin/waves/${world.wave.id}/schools/${id}/sheet` },
        { method: 'POST', url: `/api/admin/accounts/${id}/disable` },
        { method: 'POST', url: `/api/admin/links/${id}/replace` },
      ]);
    }
  });

  it('refuses an id out of range in the query', async () => {
    for (const id of HOSTILE_IDS) {
      await expectRefused([
        { method: 'GET', url: `/api/schools/${world.school.id}/dynamics?from=${id}&to=${world.wave.id}` },
        { method: 'GET', url: `/api/waves/${world.wave.id}/region-picture?compareTo=${id}` },
        { method: 'GET', url: `/api/admin/audit?before=${id}` },
      ]);
    }
    await expectRefused([{ method: 'GET', url: '/api/admin/audit?limit=1e400' }]);
  });

  it('refuses an id out of range in a body, as a number or as a string', async () => {
    for (const id of HOSTILE_IDS) {
      await expectRefused([
        { method: 'POST', url: '/api/admin/waves', payload: newWave({ regionId: id }) },
        { method: 'POST', url: '/api/admin/accounts', payload: { email: 'hostile@test.local', name: '', role: 'school', schoolId: id } },
      ]);
    }
    await expectRefused([{ method: 'POST', url: '/api/admin/waves', payload: newWave({ regionId: 2147483648 }) }]);
  });

  it('refuses an impossible or out-of-range instant in a body', async () => {
    for (const instant of HOSTILE_INSTANTS) {
      await expectRefused([
        { method: 'POST', url: '/api/admin/waves', payload: newWave({ opensAt: instant }) },
        { method: 'POST', url: '/api/admin/waves', payload: newWave({ closesAt: instant }) },
        { method: 'PATCH', url: `/api/admin/waves/${world.wave.id}`, payload: { closesAt: instant } },
      ]);
    }
    await expectRefused([{ method: 'PATCH', url: `/api/admin/waves/${world.wave.id}`, payload: { target: '1e400' } }]);
  });

  it('takes the edges of each range as ordinary values', async () => {
    expect((await send({ method: 'GET', url: '/api/admin/waves/2147483647' })).statusCode).toBe(404);
    expect((await send({ method: 'GET', url: `/api/waves/${world.wave.id}/schools/2147483647/profile` })).statusCode).toBe(404);
    expect((await send({ method: 'GET', url: '/api/admin/audit?before=2147483647&limit=500' })).statusCode).toBe(200);
    const created = await send({
      method: 'POST',
      url: '/api/admin/waves',
      payload: newWave({ opensAt: '2000-01-01T00:00:00Z', closesAt: '2100-12-31T23:59:59.999+03:00' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ opensAt: '2000-01-01T00:00:00.000Z', closesAt: '2100-12-31T20:59:59.999Z' });
  });
});
