import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { SCHOOLS, seedWorld, type Seeded } from './world.js';

const DAY = 24 * 3600 * 1000;

/*
 * The world of ./world.ts, scored by version 1 (docs/methodology.md §2). R8 rests on three student indicators of
 * weight 1 (coverage 3/5): unsafe, bullying (best 0, worst 0.3) and likes_school (5 → 1); its score is their mean risk.
 * School j = 0..29: bullying ⌊j/3⌋ of 10 → risk min(1, ⌊j/3⌋/3); unsafe 1/11 (2/11 for j = 0, 7, 8, 15, 16, 23, 24);
 * likes_school the mean of 1 + (j % 5) + (r % 3) − 1 bounded to 1..5 → risk 0.925, 0.775, 0.525, 0.275, 0.1 for
 * j % 5 = 0..4. School 30: every risk 1.
 *   j = 1: (1/11 + 0 + 0.775)/3 = 0.2886 · j = 2: (1/11 + 0 + 0.525)/3 = 0.2053 · j = 3: (1/11 + 1/3 + 0.275)/3 = 0.2331
 *   j = 4: (1/11 + 1/3 + 0.1)/3 = 0.1747 — the only schools below 0.34 (low); 10, 15, 20, 25, 30 at 0.67 or more.
 */
const R8_NOW = { low: 4, medium: 22, high: 5, insufficient: 0 };

type Counts = typeof R8_NOW;
interface Factor {
  id: string;
  current: Counts | null;
  proposed: Counts | null;
  changed: Array<{ school: { id: number; code: string; name: string }; from: string; to: string; scoreFrom: number | null; scoreTo: number | null }>;
}

describe.each(TEST_DATABASES)('deriving a model version on %s', (kind) => {
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

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin.headers });
  const post = (url: string, payload: Record<string, unknown>, who: LoggedIn = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const preview = async (edits: unknown[], baseModelId?: string) => {
    const res = await post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, { edits, ...(baseModelId ? { baseModelId } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { pinned: { id: string }; base: { id: string }; schools: number; factors: Factor[] };
  };
  const factor = (body: { factors: Factor[] }, id: string) => body.factors.find((f) => f.id === id)!;
  const schoolsOf = (f: Factor) => f.changed.map((c) => world.schoolIds.indexOf(c.school.id)).sort((a, b) => a - b);

  it('without edits shows the pinned model on both sides', async () => {
    const body = await preview([]);
    expect(body).toMatchObject({ pinned: { id: world.modelId }, base: { id: world.modelId }, schools: SCHOOLS });
    expect(body.factors).toHaveLength(10);
    for (const f of body.factors) {
      expect(f.proposed, f.id).toEqual(f.current);
      expect(f.changed, f.id).toEqual([]);
    }
    expect(factor(body, 'R8').current).toEqual(R8_NOW);
  });

  it('moves a factor threshold: exactly the schools between the old and the new one change level', async () => {
    const body = await preview([{ kind: 'levels', factorId: 'R8', medium: 0.2, high: 0.67 }]);
    const r8 = factor(body, 'R8');
    expect(r8.proposed).toEqual({ low: 1, medium: 25, high: 5, insufficient: 0 });
    expect(schoolsOf(r8)).toEqual([1, 2, 3]);
    expect(r8.changed.every((c) => c.from === 'low' && c.to === 'medium' && c.scoreFrom === c.scoreTo)).toBe(true);
    const third = r8.changed.find((c) => c.school.id === world.schoolIds[3])!;
    expect(third.scoreTo).toBeCloseTo((1 / 11 + 1 / 3 + 0.275) / 3, 12);
    const school = await t.database.db.selectFrom('schools').select(['code', 'name']).where('id', '=', world.schoolIds[3]!).executeTakeFirstOrThrow();
    expect(third.school).toEqual({ id: world.schoolIds[3], ...school });
    for (const f of body.factors.filter((f) => f.id !== 'R8')) expect(f.changed, f.id).toEqual([]);
  });

  it('changes a weight: the score is the new weighted mean and the schools that cross a threshold are listed', async () => {
    // Bullying weighs 3: score (unsafe + 3·bullying + likes)/5. School 13: (1/11 + 3·1 + 0.275)/5 = 0.6732 ≥ 0.67,
    // from (1/11 + 1 + 0.275)/3 = 0.4553; school 0: (2/11 + 0 + 0.925)/5 = 0.2214 < 0.34, from 0.3689.
    const r8 = factor(await preview([{ kind: 'weight', indicatorId: 'R8.bullying', weight: 3 }]), 'R8');
    expect(schoolsOf(r8)).toEqual([0, 11, 12, 13, 16, 17, 18, 21, 22, 23, 26, 27, 28]);
    const of = (j: number) => r8.changed.find((c) => c.school.id === world.schoolIds[j])!;
    expect(of(13)).toMatchObject({ from: 'medium', to: 'high' });
    expect(of(13).scoreFrom).toBeCloseTo((1 / 11 + 1 + 0.275) / 3, 12);
    expect(of(13).scoreTo).toBeCloseTo((1 / 11 + 3 + 0.275) / 5, 12);
    expect(of(0)).toMatchObject({ from: 'medium', to: 'low' });
    expect(of(0).scoreTo).toBeCloseTo((2 / 11 + 0.925) / 5, 12);
    expect(r8.proposed).toEqual({ low: 5, medium: 9, high: 17, insufficient: 0 });
  });

  it("changes a choice's risks and weight: the answers are counted anew", async () => {
    // R1 has only the principal's internet answer; at weight 5 of 9 it covers the factor. Principals j ≥ 10 answered
    // `fast` (risk 0 → 0.5): 21 schools go from insufficient to medium; those j < 10 did not know and stay insufficient.
    const r1 = factor(
      await preview([
        { kind: 'weight', indicatorId: 'R1.internet', weight: 5 },
        { kind: 'risk', indicatorId: 'R1.internet', risk: { none: 1, slow: 0.8, medium: 0.6, fast: 0.5 } },
      ]),
      'R1',
    );
    expect(r1.current).toEqual({ low: 0, medium: 0, high: 0, insufficient: 31 });
    expect(r1.proposed).toEqual({ low: 0, medium: 21, high: 0, insufficient: 10 });
    expect(schoolsOf(r1)).toEqual([...Array(21).keys()].map((i) => i + 10));
    expect(r1.changed[0]).toMatchObject({ from: 'insufficient', to: 'medium', scoreFrom: null, scoreTo: 0.5 });
  });

  it('lists every problem of the edits and of the loader at once', async () => {
    const res = await post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, {
      edits: [
        { kind: 'weight', indicatorId: 'R8.bullying', weight: 0 },
        { kind: 'weight', indicatorId: 'R8.bullying', weight: 2 },
        { kind: 'weight', indicatorId: 'R99.none', weight: 2 },
        { kind: 'anchors', indicatorId: 'R1.internet', best: 0, worst: 1 },
        { kind: 'anchors', indicatorId: 'R8.likes_school', best: 3, worst: 3 },
        { kind: 'values', indicatorId: 'R8.bullying', values: ['often', 'always_x'] },
        { kind: 'risk', indicatorId: 'R1.internet', risk: { fast: 0.5, turbo: 2 } },
        { kind: 'levels', factorId: 'R8', medium: 0.7, high: 0.5 },
        { kind: 'levels', factorId: 'R77', medium: 0.2, high: 0.5 },
        { kind: 'levels', medium: 0.3, high: 1.2 },
        { kind: 'minRate', role: 'parent', minRate: 1.5 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('model_invalid');
    expect(res.json().details.problems).toEqual([
      'indicator "R8.bullying": weight edited more than once',
      'indicator "R99.none": not in model "methodology-model"',
      'indicator "R1.internet": a choice indicator has no best and worst to edit',
      'factor "R77": not in model "methodology-model"',
      'model: levels.high must be a number in [0, 1], got 1.2',
      'model: minRate.parent must be a number in [0, 1], got 1.5',
      'indicator "R1.internet": risk of "turbo" must be a number in [0, 1], got 2',
      'indicator "R1.internet": risk: "turbo" is not a choice of question (choices: "fast", "medium", "slow", "none", "dont_know")',
      'factor "R8": levels: medium (0.7) must be below high (0.5)',
      'indicator "R8.bullying": weight must be a number > 0, got 0',
      'indicator "R8.bullying": values: "always_x" is not a choice of question (choices: "no", "sometimes", "often", "dont_know")',
      'indicator "R8.likes_school": best and worst are both 3; the scale would divide by zero',
    ]);
    const unknown = await post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, { baseModelId: 'no-such-model', edits: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown_model');
  });

  it('adopts the draft as a new version, audited, for new waves only: every earlier profile stays byte for byte', async () => {
    const db = t.database.db;
    const views = async () =>
      Promise.all([
        get(`/api/waves/${world.waveId}/profiles`),
        ...world.schoolIds.map((id) => get(`/api/waves/${world.waveId}/schools/${id}/profile`)),
        get(`/api/waves/${world.waveId}/schools/${world.schoolIds[13]}/factors/R8/explanation`),
      ]).then((all) => all.map((r) => `${r.statusCode} ${r.body}`));
    const before = await views();
    expect(before.every((v) => v.startsWith('200 '))).toBe(true);

    const edits = [
      { kind: 'levels', factorId: 'R8', medium: 0.2, high: 0.67 },
      { kind: 'weight', indicatorId: 'R8.bullying', weight: 3 },
      { kind: 'minRate', role: 'teacher', minRate: 0.6 },
    ];
    const expected = await preview(edits);
    const res = await post('/api/admin/methodology/models', { baseModelId: world.modelId, waveId: world.waveId, id: 'derived-1', title: 'Производная', edits });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'derived-1', title: 'Производная', derivedFrom: world.modelId });
    expect(await views()).toEqual(before);

    const stored = (await db.selectFrom('risk_models').select(['definition', 'questionnaires_id']).where('id', '=', 'derived-1').executeTakeFirstOrThrow()) as {
      definition: { minRate: unknown; levels: unknown; factors: Array<{ id: string; levels?: unknown; indicators: Array<{ id: string; weight: number }> }> };
      questionnaires_id: string;
    };
    const base = await db.selectFrom('risk_models').select(['questionnaires_id']).where('id', '=', world.modelId).executeTakeFirstOrThrow();
    expect(stored.questionnaires_id).toBe(base.questionnaires_id);
    expect(stored.definition.minRate).toEqual({ principal: 1, teacher: 0.6, student: 0.5, parent: 0.3 });
    expect(stored.definition.levels).toEqual({ medium: 0.34, high: 0.67 });
    const r8 = stored.definition.factors.find((f) => f.id === 'R8')!;
    expect(r8.levels).toEqual({ medium: 0.2, high: 0.67 });
    expect(r8.indicators.find((i) => i.id === 'R8.bullying')!.weight).toBe(3);
    expect(stored.definition.factors.find((f) => f.id === 'R1')!.levels).toBeUndefined();

    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'model.derive')
      .where('entity_id', '=', 'derived-1')
      .executeTakeFirstOrThrow();
    expect(audit.user_id).not.toBeNull();
    expect(audit.details).toEqual({
      baseModelId: world.modelId,
      waveId: world.waveId,
      title: 'Производная',
      changes: [
        { ...edits[0], before: null },
        { ...edits[1], before: 1 },
        { ...edits[2], before: 0.5 },
      ],
    });

    // The stored version previews as the draft did, and a new wave may pin it; the old wave keeps its model.
    const again = await preview([], 'derived-1');
    expect(again.base.id).toBe('derived-1');
    expect(again.factors).toEqual(expected.factors);
    expect((await db.selectFrom('waves').select('model_id').where('id', '=', world.waveId).executeTakeFirstOrThrow()).model_id).toBe(world.modelId);
    const created = await post('/api/admin/waves', {
      regionId: world.regionId,
      title: 'Следующая волна',
      opensAt: new Date(Date.now() + 30 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 40 * DAY).toISOString(),
      modelId: 'derived-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const wave = await db.selectFrom('waves').select(['model_id', 'questionnaires_id']).where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(wave).toEqual({ model_id: 'derived-1', questionnaires_id: base.questionnaires_id });

    const taken = await post('/api/admin/methodology/models', { baseModelId: world.modelId, id: 'derived-1', title: 'Ещё раз', edits });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('model_exists');
  });

  it('stores nothing when the draft is invalid, and is for administrators only', async () => {
    const db = t.database.db;
    const bad = await post('/api/admin/methodology/models', {
      baseModelId: world.modelId,
      id: 'derived-bad',
      title: 'Плохая',
      edits: [{ kind: 'weight', indicatorId: 'R8.bullying', weight: -1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.problems).toEqual(['indicator "R8.bullying": weight must be a number > 0, got -1']);
    expect(await db.selectFrom('risk_models').select('id').where('id', '=', 'derived-bad').executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('audit_log').select('id').where('entity_id', '=', 'derived-bad').executeTakeFirst()).toBeUndefined();

    const model = await get(`/api/admin/methodology/models/${world.modelId}`);
    expect(model.statusCode).toBe(200);
    expect(model.json()).toMatchObject({ id: world.modelId, levels: { medium: 0.34, high: 0.67 } });
    expect((await get('/api/admin/methodology/models/no-such-model')).statusCode).toBe(404);

    for (const res of [
      await post(`/api/admin/methodology/waves/${world.waveId}/derive-preview`, { edits: [] }, coordinator),
      await post(
        '/api/admin/methodology/models',
        { baseModelId: world.modelId, id: 'x-1', title: 'X', edits: [{ kind: 'weight', indicatorId: 'R8.bullying', weight: 2 }] },
        coordinator,
      ),
      await t.app.inject({ method: 'GET', url: `/api/admin/methodology/models/${world.modelId}`, headers: coordinator.headers }),
    ]) {
      expect(res.statusCode).toBe(403);
    }
  });
});
