import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { ensureQuestionnaires } from '../helpers/fixtures.js';
import { V1_DIR } from '../profiles/world.js';
import { SCHOOLS, seedWorld, type Seeded } from './world.js';

const DAY = 24 * 3600 * 1000;

// References computed from the raw answers in two passes, apart from the server's sums (docs/methodology.md §9).
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]) => xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
const pearson = (a: number[], b: number[]) => {
  const [ma, mb] = [mean(a), mean(b)];
  const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0);
  return cov / Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, y) => s + (y - mb) ** 2, 0));
};

function referenceIcc(groups: number[][]) {
  const all = groups.flat();
  const [N, J, grand] = [all.length, groups.length, mean(all)];
  const msb = groups.reduce((s, g) => s + g.length * (mean(g) - grand) ** 2, 0) / (J - 1);
  const msw = groups.reduce((s, g) => s + g.reduce((t, y) => t + (y - mean(g)) ** 2, 0), 0) / (N - J);
  const n0 = (N - groups.reduce((s, g) => s + g.length ** 2, 0) / N) / (J - 1);
  const icc1 = (msb - msw) / (msb + (n0 - 1) * msw);
  const k = N / J;
  return { icc1, icc2: (k * icc1) / (1 + (k - 1) * icc1), k };
}

function referenceAlpha(rows: number[][]) {
  const k = rows[0]!.length;
  const column = (i: number) => rows.map((r) => r[i]!);
  const totals = rows.map((r) => r.reduce((s, x) => s + x, 0));
  const alpha = (k / (k - 1)) * (1 - [...Array(k).keys()].reduce((s, i) => s + variance(column(i)), 0) / variance(totals));
  const itemRest = [...Array(k).keys()].map((i) =>
    pearson(
      column(i),
      totals.map((t, n) => t - rows[n]![i]!),
    ),
  );
  return { alpha, itemRest };
}

/** The score of an answer as the profile codes it, or undefined when it does not count. */
const bullying = (a: Record<string, unknown>) => (a.s_bullying === 'often' ? 1 : a.s_bullying === 'no' ? 0 : undefined);
const unsafe = (a: Record<string, unknown>) => (a.s_safe === undefined ? undefined : ['sometimes', 'never'].includes(a.s_safe as string) ? 1 : 0);
const likes = (a: Record<string, unknown>) => a.s_like_school as number | undefined;
const defined = (xs: Array<number | undefined>) => xs.filter((x): x is number => x !== undefined);

describe.each(TEST_DATABASES)('methodology workbench on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  let world: Seeded;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await seedWorld(t.database.db);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: world.regionId });
  });
  afterAll(() => t?.close());

  const get = (url: string, who: LoggedIn = admin) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, payload: Record<string, unknown>, who: LoggedIn = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const calibration = async () => {
    const res = await get(`/api/admin/methodology/waves/${world.waveId}/calibration`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const indicator = (body: { indicators: Array<{ id: string }> }, id: string) => body.indicators.find((i) => i.id === id)! as Record<string, unknown>;

  it('proposes anchors from the type-7 percentiles of schools with enough answers', async () => {
    const body = await calibration();
    expect(body).toMatchObject({
      wave: { id: world.waveId },
      model: { id: world.modelId },
      schools: SCHOOLS,
      rule: { minSchools: 20, best: 0.25, worst: 0.9 },
    });
    // Shares ⌊j/3⌋/10 of 30 schools (the 31st rests on 6 answers): each of 0, 0.1 … 0.9 three times.
    // P10: h = 2.9 → 0 + 0.9·0.1; P25: h = 7.25 → 0.2; P50: 14.5 → 0.45; P75: 21.75 → 0.7; P90: 26.1 → 0.8 + 0.1·0.1.
    const b = indicator(body, 'R8.bullying');
    expect(b).toMatchObject({ role: 'student', kind: 'share', current: { best: 0, worst: 0.3 }, schoolsWithValue: 31, schoolsUsed: 30, minAnswers: 10 });
    const p = b.percentiles as Record<string, number>;
    expect([p.p10, p.p25, p.p50, p.p75, p.p90].map((x) => Number(x.toFixed(10)))).toEqual([0.09, 0.2, 0.45, 0.7, 0.81]);
    expect(b.proposed).toEqual({ best: 0.2, worst: 0.81 });
    expect((b.histogram as { counts: number[] }).counts.reduce((s, c) => s + c, 0)).toBe(30);

    // School means 1.3, 1.9, 2.9, 3.9, 4.6, six schools each; high is good (5 → 1): best = P75 = 3.9, worst = P10 = 1.3.
    const l = indicator(body, 'R8.likes_school');
    expect(l).toMatchObject({ current: { best: 5, worst: 1 }, proposed: { best: 3.9, worst: 1.3 }, schoolsUsed: 30 });
    expect((l.percentiles as Record<string, number>).p25).toBeCloseTo(1.9, 12);
    expect((l.percentiles as Record<string, number>).p90).toBeCloseTo(4.6, 12);

    // Principal ratios j/300 of all 31 schools (one answer is the whole principal): P25 = 7.5/300, P90 = 27/300.
    const f = indicator(body, 'R6.failing');
    expect(f).toMatchObject({ role: 'principal', schoolsUsed: 31, minAnswers: 1, proposed: { best: 0.025, worst: 0.09 } });

    // 1 or 2 hits of 11 answers: P25 = 1/11, P90 = 2/11; rounded to three decimals.
    expect(indicator(body, 'R8.unsafe').proposed).toEqual({ best: 0.091, worst: 0.182 });
    expect(indicator(body, 'R1.internet')).toMatchObject({ kind: 'choice', current: null, proposed: null, reason: 'no-anchors', percentiles: null });
    expect(indicator(body, 'R3.no_subject_pd')).toMatchObject({ schoolsWithValue: 0, proposed: null, reason: 'too-few-schools' });
  });

  it('counts the schools at each level of a factor under the pinned model and under the proposal', async () => {
    const body = await calibration();
    const profiles = (await get(`/api/waves/${world.waveId}/profiles`)).json();
    for (const factor of body.factors) {
      const counts = { low: 0, medium: 0, high: 0, insufficient: 0 };
      for (const p of profiles.profiles) counts[p.factors.find((f: { id: string }) => f.id === factor.id).level as keyof typeof counts] += 1;
      expect(factor.current, factor.id).toEqual(counts);
    }
    // R8 by hand: its student indicators are the only ones present (3 of 5, coverage 0.6), so the score is their mean risk.
    const levelsOfR8 = (anchors: Record<string, { best: number; worst: number }>) => {
      const counts = { low: 0, medium: 0, high: 0, insufficient: 0 };
      const clamp = (x: number) => Math.min(1, Math.max(0, x));
      for (const answers of world.students) {
        const risks = [
          ['R8.unsafe', mean(defined(answers.map(unsafe)))],
          ['R8.bullying', mean(defined(answers.map(bullying)))],
          ['R8.likes_school', mean(defined(answers.map(likes)))],
        ].map(([id, value]) => clamp(((value as number) - anchors[id as string]!.best) / (anchors[id as string]!.worst - anchors[id as string]!.best)));
        const score = mean(risks);
        counts[score >= 0.67 ? 'high' : score >= 0.34 ? 'medium' : 'low'] += 1;
      }
      return counts;
    };
    const r8 = body.factors.find((f: { id: string }) => f.id === 'R8');
    const current = { 'R8.unsafe': { best: 0, worst: 1 }, 'R8.bullying': { best: 0, worst: 0.3 }, 'R8.likes_school': { best: 5, worst: 1 } };
    const proposed = { 'R8.unsafe': { best: 0.091, worst: 0.182 }, 'R8.bullying': { best: 0.2, worst: 0.81 }, 'R8.likes_school': { best: 3.9, worst: 1.3 } };
    expect(r8.current).toEqual(levelsOfR8(current));
    expect(r8.proposed).toEqual(levelsOfR8(proposed));
    expect(r8.proposed).not.toEqual(r8.current);

    // The preview of edited anchors (a derivation of anchor edits, tests/methodology/derive.test.ts): the proposal
    // itself gives the same counts; no change gives the pinned ones.
    const preview = (edits: unknown[]) => post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, { edits });
    const anchors = body.indicators.flatMap((i: { id: string; proposed: object | null }) =>
      i.proposed ? [{ kind: 'anchors', indicatorId: i.id, ...i.proposed }] : [],
    );
    const same = await preview(anchors);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ schools: SCHOOLS, factors: body.factors });
    const none = (await preview([])).json();
    for (const f of none.factors) expect(f.proposed).toEqual(f.current);
    const edited = (await preview([{ kind: 'anchors', indicatorId: 'R8.bullying', best: 0, worst: 0.05 }])).json();
    expect(edited.factors.find((f: { id: string }) => f.id === 'R8').proposed).toEqual(levelsOfR8({ ...current, 'R8.bullying': { best: 0, worst: 0.05 } }));

    const bad = await preview([{ kind: 'anchors', indicatorId: 'R1.internet', best: 0, worst: 1 }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'model_invalid', details: { problems: [expect.stringContaining('R1.internet')] } });
  });

  it('measures each item: «затрудняюсь ответить», empty answers, floor and ceiling, ICC', async () => {
    const res = await get(`/api/admin/methodology/waves/${world.waveId}/quality`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const item = (id: string) => body.items.find((i: { indicatorId: string }) => i.indicatorId === id);
    const responses = 30 * 11 + 6;

    const b = item('R8.bullying');
    expect(b).toMatchObject({ role: 'student', questions: ['s_bullying'], responses, answered: 306, empty: 0 });
    expect(b.dontKnow).toBeCloseTo(30 / responses, 12);
    // 0/1 scores: ones are Σ⌊j/3⌋ = 135 plus the 31st school's 6.
    expect(b.extremes).toMatchObject({ status: 'ok', schools: 31 });
    expect(b.extremes.ceiling).toBeCloseTo(141 / 306, 12);
    expect(b.extremes.floor).toBeCloseTo(165 / 306, 12);
    const refB = referenceIcc(world.students.map((s) => defined(s.map(bullying))));
    expect(b.icc.status).toBe('ok');
    expect(b.icc.schools).toBe(31);
    expect(b.icc.icc1).toBeCloseTo(refB.icc1, 10);
    expect(b.icc.icc2).toBeCloseTo(refB.icc2, 10);
    expect(b.icc.k).toBeCloseTo(306 / 31, 12);
    expect(b.flags).toEqual(refB.icc2 < 0.7 ? ['low-icc2'] : []);

    const l = item('R8.likes_school');
    expect(l.empty).toBeCloseTo(30 / responses, 12);
    expect(l.dontKnow).toBe(0);
    const refL = referenceIcc(world.students.map((s) => defined(s.map(likes))));
    expect(l.icc.icc1).toBeCloseTo(refL.icc1, 10);
    expect(l.icc.icc2).toBeCloseTo(refL.icc2, 10);

    // s_safe: one or two hits per school, so nearly every answer sits at the floor.
    const u = item('R8.unsafe');
    const hits = world.students.flatMap((s) => defined(s.map(unsafe)));
    expect(u.extremes.floor).toBeCloseTo(hits.filter((x) => x === 0).length / hits.length, 12);
    expect(u.flags).toContain('floor-ceiling');

    // Principals: 10 of 31 do not know, all others at the floor (fast internet); one answer per school has no ICC.
    const internet = item('R1.internet');
    expect(internet.dontKnow).toBeCloseTo(10 / 31, 12);
    expect(internet.extremes).toMatchObject({ status: 'ok', floor: 1, ceiling: 0, schools: 21 });
    expect(internet.icc).toMatchObject({ status: 'one-answer-per-school', icc1: null });
    expect(internet.flags).toEqual(['dont-know', 'floor-ceiling']);
    expect(item('R6.failing').extremes.status).toBe('not-applicable');
    expect(item('R3.no_subject_pd')).toMatchObject({
      responses: 0,
      dontKnow: null,
      extremes: { status: 'too-few-schools' },
      icc: { status: 'too-few-schools' },
    });
  });

  it("gives Cronbach's α and item-rest correlations of a factor's scale, higher always meaning more risk", async () => {
    const body = (await get(`/api/admin/methodology/waves/${world.waveId}/quality`)).json();
    const scale = body.scales.find((s: { factorId: string; role: string }) => s.factorId === 'R8' && s.role === 'student');
    // likes_school is reversed (best 5 > worst 1); respondents with all three items: 10 per school and the 31st school's 6.
    const rows = world.students.flatMap((s) =>
      s.flatMap((a) => (likes(a) === undefined || bullying(a) === undefined ? [] : [[unsafe(a)!, bullying(a)!, -likes(a)!]])),
    );
    const ref = referenceAlpha(rows);
    expect(scale).toMatchObject({ status: 'ok', respondents: 306, schools: 31 });
    expect(scale.alpha).toBeCloseTo(ref.alpha, 10);
    expect(scale.items.map((i: { indicatorId: string }) => i.indicatorId)).toEqual(['R8.unsafe', 'R8.bullying', 'R8.likes_school']);
    expect(scale.items.map((i: { reversed: boolean }) => i.reversed)).toEqual([false, false, true]);
    scale.items.forEach((i: { itemRest: number; flag: string | null }, n: number) => {
      expect(i.itemRest).toBeCloseTo(ref.itemRest[n]!, 10);
      expect(i.flag).toBe(ref.itemRest[n]! < 0.2 ? 'very-weak' : ref.itemRest[n]! < 0.3 ? 'weak' : null);
    });
    expect(scale.flags).toEqual(ref.alpha < 0.7 ? ['low-alpha'] : []);
    // Teachers and parents did not answer: their scales say how much is missing.
    expect(body.scales.find((s: { factorId: string }) => s.factorId === 'R10')).toMatchObject({ status: 'too-few-respondents', alpha: null, respondents: 0 });
  });

  it('saves the calibrated anchors as a new validated, audited model version that new waves may pin and old ones ignore', async () => {
    const profilesBefore = (await get(`/api/waves/${world.waveId}/profiles`)).body;
    const edits = [
      { kind: 'anchors', indicatorId: 'R8.bullying', best: 0.2, worst: 0.81 },
      { kind: 'anchors', indicatorId: 'R8.likes_school', best: 3.9, worst: 1.3 },
    ];
    const res = await post('/api/admin/methodology/models', {
      baseModelId: world.modelId,
      waveId: world.waveId,
      id: 'methodology-cal-1',
      title: 'Откалиброванная',
      edits,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'methodology-cal-1', title: 'Откалиброванная', derivedFrom: world.modelId });

    const db = t.database.db;
    const stored = await db.selectFrom('risk_models').select('definition').where('id', '=', 'methodology-cal-1').executeTakeFirstOrThrow();
    const base = await db.selectFrom('risk_models').select('definition').where('id', '=', world.modelId).executeTakeFirstOrThrow();
    type M = { factors: Array<{ indicators: Array<Record<string, unknown>> }>; levels: unknown };
    const ind = (m: M) => new Map(m.factors.flatMap((f) => f.indicators.map((i) => [i.id as string, i])));
    const [after, before] = [ind(stored.definition as M), ind(base.definition as M)];
    expect(after.get('R8.bullying')).toMatchObject({ best: 0.2, worst: 0.81 });
    expect(after.get('R8.likes_school')).toMatchObject({ best: 3.9, worst: 1.3 });
    for (const [id, i] of before) if (id !== 'R8.bullying' && id !== 'R8.likes_school') expect(after.get(id), id).toEqual(i);
    expect((stored.definition as M).levels).toEqual((base.definition as M).levels);
    expect((stored.definition as { description: string }).description).toContain(`Производная модели «${world.modelId}» по волне`);

    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'model.derive')
      .where('entity_id', '=', 'methodology-cal-1')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      baseModelId: world.modelId,
      waveId: world.waveId,
      changes: [{ kind: 'anchors', indicatorId: 'R8.bullying', before: { best: 0, worst: 0.3 }, best: 0.2, worst: 0.81 }, expect.anything()],
    });

    const models = (await get('/api/admin/models')).json();
    expect(models.map((m: { id: string }) => m.id)).toContain('methodology-cal-1');
    const wave = await db.selectFrom('waves').select('model_id').where('id', '=', world.waveId).executeTakeFirstOrThrow();
    expect(wave.model_id).toBe(world.modelId);
    expect((await get(`/api/waves/${world.waveId}/profiles`)).body).toBe(profilesBefore);

    const created = await post('/api/admin/waves', {
      regionId: world.regionId,
      title: 'Следующая волна',
      opensAt: new Date(Date.now() + 30 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 40 * DAY).toISOString(),
      modelId: 'methodology-cal-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().modelId).toBe('methodology-cal-1');
  });

  it('refuses a version it cannot save, saying what to fix, and stores nothing', async () => {
    const db = t.database.db;
    const save = (change: Record<string, unknown>) =>
      post('/api/admin/methodology/models', {
        baseModelId: world.modelId,
        id: 'methodology-cal-bad',
        title: 'Плохая',
        edits: [{ kind: 'anchors', indicatorId: 'R8.bullying', best: 0.1, worst: 0.5 }],
        ...change,
      });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ edits: [{ kind: 'anchors', indicatorId: 'R8.bullying', best: 0.4, worst: 0.4 }] }, 400, 'model_invalid'],
      [{ edits: [{ kind: 'anchors', indicatorId: 'R1.internet', best: 0, worst: 1 }] }, 400, 'model_invalid'],
      [{ edits: [{ kind: 'anchors', indicatorId: 'R99.none', best: 0, worst: 1 }] }, 400, 'model_invalid'],
      [{ baseModelId: 'no-such-model' }, 400, 'unknown_model'],
      [{ id: 'methodology-cal-1' }, 409, 'model_exists'],
      [{ id: world.modelId }, 409, 'model_exists'],
      [{ id: 'has space' }, 400, 'invalid_request'],
      [{ edits: [] }, 400, 'invalid_request'],
      [{ waveId: 999_999 }, 404, 'wave_not_found'],
    ];
    for (const [change, status, code] of cases) {
      const res = await save(change);
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message.length).toBeGreaterThan(10);
    }
    const invalid = await save({ edits: [{ kind: 'anchors', indicatorId: 'R8.bullying', best: 0.4, worst: 0.4 }] });
    expect(invalid.json().details.problems).toEqual([expect.stringMatching(/R8\.bullying.*best and worst are both 0\.4/)]);

    // The same loader as the model file: a base whose question today's questionnaire lacks is refused, every problem listed.
    const definition = (await db.selectFrom('risk_models').select('definition').where('id', '=', world.modelId).executeTakeFirstOrThrow()).definition as {
      factors: Array<{ indicators: Array<Record<string, unknown>> }>;
    };
    definition.factors[0]!.indicators[0]!.question = 'p_gone';
    definition.factors[1]!.indicators[0]!.numerator = 'p_gone_too';
    await db
      .insertInto('risk_models')
      .values({
        id: 'methodology-old',
        title: 'Старая',
        definition: JSON.stringify({ ...definition, id: 'methodology-old' }),
        questionnaires_id: await ensureQuestionnaires(db, V1_DIR),
      })
      .execute();
    const old = await save({ baseModelId: 'methodology-old' });
    expect(old.statusCode).toBe(400);
    expect(old.json().details.problems).toEqual([
      expect.stringContaining('"p_gone" is not in the principal questionnaire'),
      expect.stringContaining('"p_gone_too"'),
    ]);

    expect(await db.selectFrom('risk_models').select('id').where('id', '=', 'methodology-cal-bad').executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('audit_log').select('id').where('entity_id', '=', 'methodology-cal-bad').executeTakeFirst()).toBeUndefined();
  });

  it('is for administrators only', async () => {
    const body = {
      baseModelId: world.modelId,
      id: 'methodology-cal-x',
      title: 'X',
      edits: [{ kind: 'anchors', indicatorId: 'R8.bullying', best: 0, worst: 1 }],
    };
    for (const res of [
      await get(`/api/admin/methodology/waves/${world.waveId}/calibration`, coordinator),
      await get(`/api/admin/methodology/waves/${world.waveId}/quality`, coordinator),
      await post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, { edits: [] }, coordinator),
      await post('/api/admin/methodology/models', body, coordinator),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    expect((await get('/api/admin/methodology/waves/999999/calibration')).statusCode).toBe(404);
  });
});
