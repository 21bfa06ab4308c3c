import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { ensureModel, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ROLES } from '../../server/shared/roles.js';
import { countedAnswers } from '../helpers/answers.js';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe.each(TEST_DATABASES)('wave administration on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  let region: { id: number };
  let otherRegion: { id: number };
  let schools: Array<{ id: number }>;
  let modelId: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    region = await newRegion(db);
    otherRegion = await newRegion(db);
    const north = await newMunicipality(db, region.id);
    const south = await newMunicipality(db, region.id);
    schools = [await newSchool(db, north.id), await newSchool(db, north.id), await newSchool(db, south.id)];
    await newSchool(db, (await newMunicipality(db, otherRegion.id)).id);
    modelId = await ensureModel(db, 'model-a');
    await ensureModel(db, 'model-b');
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id });
  });
  afterAll(() => t?.close());

  const createWave = (payload: Record<string, unknown>, who: LoggedIn = admin) =>
    t.app.inject({ method: 'POST', url: '/api/admin/waves', headers: who.headers, payload });
  const validWave = () => ({ regionId: region.id, title: 'Весна', opensAt: inDays(-1), closesAt: inDays(20), modelId });
  const patchWave = (id: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${id}`, headers: admin.headers, payload });

  it('creates a wave with an open link for every school × role of its region, and audits it', async () => {
    const res = await createWave({ ...validWave(), title: '  Весна 2027  ' });
    expect(res.statusCode).toBe(201);
    const wave = res.json();
    expect(wave).toMatchObject({
      title: 'Весна 2027',
      regionId: region.id,
      target: 0.9,
      modelId,
      status: 'open',
      open: true,
      linksCreated: schools.length * ROLES.length,
    });
    const links = await t.database.db.selectFrom('links').select(['school_id', 'role', 'kind', 'token']).where('wave_id', '=', wave.id).execute();
    expect(links).toHaveLength(schools.length * ROLES.length);
    expect(new Set(links.map((l) => `${l.school_id}:${l.role}`)).size).toBe(links.length);
    expect(links.every((l) => l.kind === 'open' && l.token.length >= 22)).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'wave.create')
      .where('entity_id', '=', String(wave.id))
      .executeTakeFirst();
    expect(audit?.details).toMatchObject({ linksCreated: links.length });
  });

  it('reports a planned wave as not open', async () => {
    const res = await createWave({ ...validWave(), opensAt: inDays(5), closesAt: inDays(30), target: 0.8 });
    expect(res.json()).toMatchObject({ status: 'planned', open: false, target: 0.8 });
  });

  it('refuses dates in the wrong order, an unknown region or model and a target outside (0, 1] with clear messages', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ closesAt: inDays(-2) }, 'wave_dates_order'],
      [{ regionId: 999_999 }, 'unknown_region'],
      [{ modelId: 'no-such-model' }, 'unknown_model'],
      [{ target: 0 }, 'invalid_request'],
      [{ target: 1.5 }, 'invalid_request'],
      [{ title: '   ' }, 'wave_title_required'],
      [{ opensAt: 'tomorrow' }, 'invalid_request'],
    ];
    const before = await t.database.db
      .selectFrom('waves')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const [change, code] of cases) {
      const res = await createWave({ ...validWave(), ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().message.length).toBeGreaterThan(10);
    }
    const after = await t.database.db
      .selectFrom('waves')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('edits the title, dates and target, keeping the dates in order', async () => {
    const wave = (await createWave(validWave())).json();
    const res = await patchWave(wave.id, { title: 'Осень', closesAt: inDays(40), target: 0.95 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Осень', target: 0.95, closesAt: expect.any(String) });
    expect(new Date(res.json().closesAt).getTime()).toBeGreaterThan(Date.now() + 39 * DAY);
    const wrong = await patchWave(wave.id, { opensAt: inDays(50) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('wave_dates_order');
    expect((await patchWave(wave.id, {})).statusCode).toBe(400);
    expect((await patchWave(999_999, { title: 'x' })).statusCode).toBe(404);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'wave.update')
      .where('entity_id', '=', String(wave.id))
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('never opens a closed wave again, but still edits what does not reopen it', async () => {
    const wave = (await createWave({ ...validWave(), opensAt: inDays(-30), closesAt: inDays(-1) })).json();
    expect(wave).toMatchObject({ status: 'closed', open: false });
    for (const change of [{ closesAt: inDays(10) }, { opensAt: inDays(-40), closesAt: inDays(1) }]) {
      const refused = await patchWave(wave.id, change);
      expect(refused.statusCode, JSON.stringify(change)).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'wave_closed', message: expect.stringMatching(/cannot be opened again.*new wave/) });
    }
    const unchanged = await t.database.db.selectFrom('waves').select('closes_at').where('id', '=', wave.id).executeTakeFirstOrThrow();
    expect(unchanged.closes_at.toISOString()).toBe(wave.closesAt);
    // A title, or an end moved within the past, leaves it closed.
    expect((await patchWave(wave.id, { title: 'Весна, итоги' })).statusCode).toBe(200);
    expect((await patchWave(wave.id, { closesAt: inDays(-2) })).json()).toMatchObject({ status: 'closed' });
    // An open wave may still be extended.
    const open = (await createWave(validWave())).json();
    expect((await patchWave(open.id, { closesAt: inDays(30) })).statusCode).toBe(200);
  });

  it('changes the model only while the wave has no responses, and says why otherwise', async () => {
    const wave = (await createWave(validWave())).json();
    const changed = await patchWave(wave.id, { modelId: 'model-b' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().modelId).toBe('model-b');
    // The wave page names the model by its title, as surveys/risk-model.json gives it, not by its id.
    const shown = await t.app.inject({ method: 'GET', url: `/api/admin/waves/${wave.id}`, headers: admin.headers });
    expect(shown.json()).toMatchObject({ modelId: 'model-b', modelTitle: 'Риск-профиль школы по программе «500+», модель версии 2' });
    const link = await t.database.db.selectFrom('links').select('token').where('wave_id', '=', wave.id).where('role', '=', 'parent').executeTakeFirstOrThrow();
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: { answers: countedAnswers('parent'), clientKey: randomUUID() },
    });
    expect(answered.statusCode).toBe(201);
    const refused = await patchWave(wave.id, { modelId: 'model-a' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'wave_has_responses', message: expect.stringMatching(/1 responses.*model-b.*new wave/) });
    expect((await patchWave(wave.id, { modelId: 'model-b', title: 'Та же модель' })).statusCode).toBe(200);
  });

  it('lists the available risk models', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/models', headers: admin.headers });
    expect(res.json().map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['model-a', 'model-b']));
  });

  it('shows every staff account the waves of its own region only', async () => {
    const foreign = await newWave(t.database.db, otherRegion.id, { modelId, title: 'Чужая волна' });
    const mine = await t.app.inject({ method: 'GET', url: '/api/waves', headers: coordinator.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().length).toBeGreaterThan(0);
    expect(mine.json().every((w: { regionId: number }) => w.regionId === region.id)).toBe(true);
    expect(mine.json()[0]).toMatchObject({
      id: expect.any(Number),
      title: expect.any(String),
      opensAt: expect.any(String),
      closesAt: expect.any(String),
      target: expect.any(Number),
      open: expect.any(Boolean),
    });
    const school = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: schools[0].id });
    expect((await t.app.inject({ method: 'GET', url: '/api/waves', headers: school.headers })).json().map((w: { id: number }) => w.id)).not.toContain(
      foreign.id,
    );
    const all = await t.app.inject({ method: 'GET', url: '/api/waves', headers: admin.headers });
    expect(all.json().map((w: { id: number }) => w.id)).toContain(foreign.id);
  });

  it('keeps wave administration to administrators: 401 anonymous, 403 coordinator, 403 without the CSRF header', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/waves' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/waves' })).statusCode).toBe(401);
    const asCoordinator = await t.app.inject({ method: 'GET', url: '/api/admin/waves', headers: coordinator.headers });
    expect(asCoordinator.statusCode).toBe(403);
    expect((await createWave(validWave(), coordinator)).statusCode).toBe(403);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/admin/waves', headers: { cookie: admin.cookie }, payload: validWave() });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/waves', headers: admin.headers });
    expect(list.statusCode).toBe(200);
  });
});
