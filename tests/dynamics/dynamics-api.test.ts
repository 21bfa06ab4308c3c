import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolDynamics } from '../../server/dynamics/dynamics.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { addAnswers, HAND_MODEL, handWorld, type HandWorld } from '../explanations/world.js';
import { ensureQuestionnaires, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { V1_DIR } from '../profiles/world.js';
import type { SchoolProfileBody } from '../../server/profiles/schemas.js';
import type { RiskModel } from '../../server/scoring/model.js';

/**
 * HAND_MODEL as a later version might change it: F1's ratio weighs 1 instead of 2 (another measurement), F3 has a
 * new title (the same measurement), F2 is untouched.
 */
const HAND_MODEL_V2: RiskModel = {
  ...HAND_MODEL,
  id: 'hand-model-v2',
  title: 'Модель для расчёта вручную, версия 2',
  factors: HAND_MODEL.factors.map((f) =>
    f.id === 'F1'
      ? { ...f, indicators: f.indicators.map((i) => (i.id === 'F1.vacancies' ? { ...i, weight: 1 } : i)) }
      : f.id === 'F3'
        ? { ...f, title: 'Вовлечённость родителей' }
        : f,
  ),
};

/** `hits` of 30 parents answer pa_meetings "rarely" (a risk), the others "always". */
const parents = (hits: number) => Array.from({ length: 30 }, (_, i) => ({ pa_meetings: i < hits ? 'rarely' : 'always' }));

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

  describe('against the noise of the scores (docs/methodology.md §4, §8)', () => {
    // A region of its own, whose schools exist before its waves open (a wave keeps the roster it opened with).
    // F3 is one parent share; 30 parents of 90 answer in each wave (rate 1/3 ≥ 0.3), fpc = 1 − 30/90 = 2/3.
    //   k of 30: s² = (k − 30·(k/30)²) / 29, se = sqrt(s²/30 · 2/3).
    //   11 → 0.366667 (medium), s² = 6.966667/29 = 0.240230, se ≈ 0.073065, interval ±0.093640: [0.273, 0.460] holds 0.34;
    //    9 → 0.3 (low), s² = 6.3/29 = 0.217241, se ≈ 0.069481;
    //    3 → 0.1 (low), s² = 2.7/29 = 0.093103, se ≈ 0.045486.
    let coordinator: LoggedIn;
    let near: number;
    let far: number;
    let principalOnly: number;
    let spring: number;
    let autumn: number;
    let summer: number;
    beforeAll(async () => {
      const db = t.database.db;
      const own = await newRegion(db);
      const municipality = await newMunicipality(db, own.id);
      const counts = { principal: 1, teacher: 8, student: 100, parent: 90 };
      near = (await newSchool(db, municipality.id, counts, 'Школа Г')).id;
      far = (await newSchool(db, municipality.id, counts, 'Школа Д')).id;
      principalOnly = (await newSchool(db, municipality.id, counts, 'Школа Е')).id;
      await db
        .insertInto('risk_models')
        .values({
          id: HAND_MODEL_V2.id,
          title: HAND_MODEL_V2.title,
          definition: JSON.stringify(HAND_MODEL_V2),
          questionnaires_id: await ensureQuestionnaires(db, V1_DIR),
        })
        .execute();
      spring = (await newWave(db, own.id, { modelId: HAND_MODEL.id, opensInDays: -120, closesInDays: -90 })).id;
      summer = (await newWave(db, own.id, { modelId: HAND_MODEL_V2.id, opensInDays: -60, closesInDays: -50 })).id;
      autumn = (await newWave(db, own.id, { modelId: HAND_MODEL.id, opensInDays: -30, closesInDays: -1 })).id;
      for (const [school, later] of [
        [near, 9],
        [far, 3],
      ] as const) {
        await addAnswers(db, spring, school, 'parent', parents(11));
        await addAnswers(db, autumn, school, 'parent', parents(later));
      }
      await addAnswers(db, summer, far, 'parent', parents(3));
      // The principal alone: F1 = (1 + 2·1) / 3 = 1 (high) in spring; (0 + 0) = 0 (low) in summer and autumn.
      await addAnswers(db, spring, principalOnly, 'principal', [{ p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 }]);
      for (const wave of [summer, autumn])
        await addAnswers(db, wave, principalOnly, 'principal', [{ p_internet: 'fast', p_vacancies: 0, p_teachers_total: 20 }]);
      coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: own.id });
    });

    const compare = (schoolId: number, from: number, to: number) => dynamics(coordinator, schoolId, from, to).then((res) => res.json() as SchoolDynamics);

    it('serves the profile with its interval, «пограничный» where it holds a threshold', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/waves/${spring}/schools/${near}/profile`, headers: { cookie: coordinator.cookie } });
      const f3 = (res.json() as SchoolProfileBody).factors[2]!;
      expect(f3.indicators[0]!.se).toBeCloseTo(0.073065, 6);
      expect(f3).toMatchObject({ level: 'medium', borderline: true });
      expect(f3.interval!.low).toBeCloseTo(11 / 30 - 1.2816 * 0.073065, 5);
      expect(f3.interval!.high).toBeCloseTo(11 / 30 + 1.2816 * 0.073065, 5);
    });

    it('does not count a fall of a level within the noise as positive change', async () => {
      const body = await compare(near, spring, autumn);
      // delta −0.066667; noise 1.2816 · sqrt(0.073065² + 0.069481²) ≈ 0.129219.
      const f3 = body.factors[2]!;
      expect(f3).toMatchObject({ id: 'F3', levelChange: -1, comparable: true, beyondNoise: false });
      expect(f3.delta).toBeCloseTo(-2 / 30, 12);
      expect(f3.noise).toBeCloseTo(0.129219, 5);
      expect(body.positiveChange).toBe(false);
    });

    it('counts a fall beyond the noise', async () => {
      const body = await compare(far, spring, autumn);
      // delta −0.266667; noise 1.2816 · sqrt(0.073065² + 0.045486²) ≈ 0.110303.
      const f3 = body.factors[2]!;
      expect(f3).toMatchObject({ id: 'F3', levelChange: -1, beyondNoise: true });
      expect(f3.noise).toBeCloseTo(0.110303, 5);
      expect(body.positiveChange).toBe(true);
    });

    describe('two waves pinned to different models', () => {
      it('says so, and compares only the factors both models measure alike', async () => {
        const body = await compare(principalOnly, spring, summer);
        expect(body.sameModel).toBe(false);
        expect(body.models).toEqual({
          earlier: { id: HAND_MODEL.id, title: HAND_MODEL.title },
          later: { id: HAND_MODEL_V2.id, title: HAND_MODEL_V2.title },
        });
        expect(body.factors.map((f) => [f.id, f.comparable])).toEqual([
          ['F1', false],
          ['F2', true],
          ['F3', true],
        ]);
        // F1 fell from high to low, but its ratio weighs differently now: each wave's figure, no change, not counted.
        expect(body.factors[0]).toMatchObject({
          earlier: { score: 1, level: 'high' },
          later: { score: 0, level: 'low' },
          delta: null,
          levelChange: null,
          beyondNoise: false,
        });
        expect(body.factors[2]!.title).toBe('Вовлечённость родителей');
        expect(body.positiveChange).toBe(false);
      });

      it('still counts a change beyond the noise of a factor measured alike', async () => {
        const body = await compare(far, spring, summer);
        expect(body.factors[2]).toMatchObject({ id: 'F3', comparable: true, levelChange: -1, beyondNoise: true });
        expect(body.positiveChange).toBe(true);
      });

      it('calls the same model the same, and then compares every factor', async () => {
        const body = await compare(principalOnly, spring, autumn);
        expect(body).toMatchObject({ sameModel: true, models: { earlier: { id: HAND_MODEL.id }, later: { id: HAND_MODEL.id } } });
        expect(body.factors.every((f) => f.comparable)).toBe(true);
        expect(body.factors[0]).toMatchObject({ levelChange: -2, beyondNoise: true });
        expect(body.positiveChange).toBe(true);
      });
    });
  });

  it('refuses to compare a wave with itself', async () => {
    const res = await dynamics(teamA, w.a.id, w.later.id, w.later.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('same_wave');
  });
});
