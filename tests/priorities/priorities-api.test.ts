import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { handWorld, type HandWorld } from '../explanations/world.js';

describe.each(TEST_DATABASES)('school priorities API on %s', (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let teamA: LoggedIn;
  let teamB: LoggedIn;
  let municipal: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await handWorld(t.database.db);
    teamA = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
    teamB = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.b.id });
    municipal = await newLoggedInAccount(t.app, t.database.db, { role: 'municipality', municipalityId: w.municipality.id });
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const url = (schoolId = w.a.id, waveId = w.later.id) => `/api/waves/${waveId}/schools/${schoolId}/priorities`;
  const put = (who: LoggedIn, factorIds: unknown, schoolId = w.a.id) =>
    t.app.inject({ method: 'PUT', url: url(schoolId), headers: who.headers, payload: { factorIds } });
  const get = (who: LoggedIn, schoolId = w.a.id) => t.app.inject({ method: 'GET', url: url(schoolId), headers: { cookie: who.cookie } });

  it('starts empty, stores up to three factors in the team’s order, and audits the change', async () => {
    expect((await get(teamA)).json()).toMatchObject({ factorIds: [], chosenAt: null, editable: true });
    const res = await put(teamA, ['F3', 'F1', 'F2']);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ waveId: w.later.id, schoolId: w.a.id, factorIds: ['F3', 'F1', 'F2'], editable: true });
    expect((await get(teamA)).json().factorIds).toEqual(['F3', 'F1', 'F2']);

    expect((await put(teamA, ['F2'])).json().factorIds).toEqual(['F2']);
    const entries = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'priorities.update').orderBy('id').execute();
    expect(entries.map((e) => e.details)).toEqual([
      { waveId: w.later.id, before: [], after: ['F3', 'F1', 'F2'] },
      { waveId: w.later.id, before: ['F3', 'F1', 'F2'], after: ['F2'] },
    ]);
    expect(entries[0]).toMatchObject({ entity: 'school', entity_id: String(w.a.id) });
  });

  it('refuses four factors, a repeated one and an id the model does not have, changing nothing', async () => {
    await put(teamA, ['F1']);
    const four = await put(teamA, ['F1', 'F2', 'F3', 'R4']);
    expect(four.statusCode).toBe(400);
    const repeated = await put(teamA, ['F1', 'F1']);
    expect(repeated.statusCode).toBe(400);
    const unknown = await put(teamA, ['F1', 'R7']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_factor', details: { unknown: ['R7'] } });
    expect((await get(teamA)).json().factorIds).toEqual(['F1']);
  });

  it('shows the priorities to coordinators, who cannot change them', async () => {
    await put(teamA, ['F1', 'F2']);
    const seen = await get(municipal);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ factorIds: ['F1', 'F2'], editable: false });
    const res = await put(municipal, ['F3']);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await put(admin, ['F3'])).statusCode).toBe(200);
  });

  it("never lets a school team read or set another school's priorities", async () => {
    expect((await get(teamB)).statusCode).toBe(403);
    expect((await put(teamB, ['F1'])).statusCode).toBe(403);
    expect((await put(teamA, ['F1'], w.b.id)).json().code).toBe('out_of_scope');
  });

  it('needs the CSRF token to change them', async () => {
    const res = await t.app.inject({ method: 'PUT', url: url(), headers: { cookie: teamA.cookie }, payload: { factorIds: ['F1'] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });
});
