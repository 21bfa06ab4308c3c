import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolDynamics } from '../../server/dynamics/dynamics.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { handWorld, type HandWorld } from '../explanations/world.js';

describe.each(TEST_DATABASES)('school dynamics API on %s', (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let teamA: LoggedIn;
  let teamB: LoggedIn;
  let teamC: LoggedIn;
  let region: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await handWorld(t.database.db);
    teamA = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
    teamB = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.b.id });
    teamC = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.c.id });
    region = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: w.region.id });
  });
  afterAll(() => t?.close());

  const dynamics = (who: LoggedIn, schoolId: number, from = w.earlier.id, to = w.later.id) =>
    t.app.inject({ method: 'GET', url: `/api/schools/${schoolId}/dynamics?from=${from}&to=${to}`, headers: { cookie: who.cookie } });

  it('gives each factor its delta, level change and direction, computed by hand', async () => {
    const res = await dynamics(teamA, w.a.id);
    expect(res.statusCode).toBe(200);
    const body = res.json() as SchoolDynamics;
    expect([body.earlier.id, body.later.id]).toEqual([w.earlier.id, w.later.id]);
    const [f1, f2, f3] = body.factors;
    // F1: earlier (1 + 1 + 1 + 2·1) / 5 = 1, later 3.2 / 4 = 0.8: delta −0.2, both high.
    expect(f1).toMatchObject({ id: 'F1', earlier: { score: 1, level: 'high' }, later: { level: 'high' }, levelChange: 0, direction: 'down' });
    expect(f1.delta).toBeCloseTo(-0.2, 12);
    // F2 and F3: no data in either wave: not comparable.
    expect(f2).toMatchObject({ id: 'F2', delta: null, levelChange: null, direction: null });
    expect(f3).toMatchObject({ id: 'F3', delta: null, levelChange: null });
    // A score that falls within its level is no positive change (docs/methodology.md §4).
    expect(body.positiveChange).toBe(false);
  });

  it('shows positive change when a factor falls by a level and none rises, whichever order the waves come in', async () => {
    // School C: F1 earlier (1 + 2·1) / 3 = 1 (high), later (0 + 2·0) / 3 = 0 (low).
    const body = (await dynamics(teamC, w.c.id, w.later.id, w.earlier.id)).json() as SchoolDynamics;
    expect([body.earlier.id, body.later.id]).toEqual([w.earlier.id, w.later.id]);
    expect(body.factors[0]).toMatchObject({ id: 'F1', delta: -1, levelChange: -2, direction: 'down' });
    expect(body.positiveChange).toBe(true);
  });

  it('marks the factors the school chose as priorities in the earlier wave', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/waves/${w.earlier.id}/schools/${w.c.id}/priorities`,
      headers: teamC.headers,
      payload: { factorIds: ['F1', 'F3'] },
    });
    expect(put.statusCode).toBe(200);
    const body = (await dynamics(region, w.c.id)).json() as SchoolDynamics;
    expect(body.priorities).toEqual({ earlier: ['F1', 'F3'], later: [] });
    expect(body.factors.map((f) => [f.id, f.priority])).toEqual([
      ['F1', true],
      ['F2', false],
      ['F3', true],
    ]);
  });

  it("never lets a school team read another school's dynamics", async () => {
    expect((await dynamics(teamB, w.a.id)).statusCode).toBe(403);
    expect((await dynamics(teamA, w.c.id)).json().code).toBe('out_of_scope');
    expect((await dynamics(region, w.a.id)).statusCode).toBe(200);
  });

  it('refuses to compare a wave with itself', async () => {
    const res = await dynamics(teamA, w.a.id, w.later.id, w.later.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('same_wave');
  });
});
