import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplanationBody, FactorExplanation, IndicatorExplanation, SchoolExplanations } from '../../server/explanations/explanation.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { handWorld, type HandWorld } from './world.js';

/** School A, later wave: t_pc_access answered by 5 teachers (2 yes, 1 no_internet, 2 no), enough to show. */
const A_PC_DISTRIBUTION = {
  shown: true,
  dontKnow: 0,
  rows: [
    { value: 'yes', text: 'Да', count: 2, risk: 0 },
    { value: 'no_internet', text: 'Есть, но без интернета', count: 1, risk: 1 },
    { value: 'no', text: 'Нет', count: 2, risk: 1 },
  ],
};

describe.each(TEST_DATABASES)('factor explanation API on %s', (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let teamA: LoggedIn;
  let teamB: LoggedIn;
  let municipal: LoggedIn;
  let otherMunicipal: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await handWorld(t.database.db);
    teamA = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
    teamB = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.b.id });
    municipal = await newLoggedInAccount(t.app, t.database.db, { role: 'municipality', municipalityId: w.municipality.id });
    otherMunicipal = await newLoggedInAccount(t.app, t.database.db, { role: 'municipality', municipalityId: w.otherMunicipality.id });
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const explain = (who: LoggedIn | null, schoolId: number, factorId = 'F1', waveId = w.later.id) =>
    t.app.inject({
      method: 'GET',
      url: `/api/waves/${waveId}/schools/${schoolId}/factors/${factorId}/explanation`,
      headers: who ? { cookie: who.cookie } : {},
    });
  const explainAll = (who: LoggedIn | null, schoolId: number, waveId = w.later.id) =>
    t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/schools/${schoolId}/explanations`, headers: who ? { cookie: who.cookie } : {} });
  const indicator = (body: ExplanationBody, id: string) => body.indicators.find((i) => i.id === id) as IndicatorExplanation;

  it('gives every indicator its value, risk, weight, n and share of the score, computed by hand', async () => {
    const res = await explain(teamA, w.a.id);
    expect(res.statusCode).toBe(200);
    const body = res.json() as FactorExplanation;
    expect(body.school).toEqual({ id: w.a.id, code: w.a.code, name: 'Школа А' });
    expect(body.model.id).toBe('hand-model');
    // (0.6 + 0.6 + 2·1) / 4 = 0.8 → high (≥ 0.67); t_equipment's 4 answers are too few, 4 of 5 weights present.
    expect(body.factor.score).toBeCloseTo(0.8, 12);
    expect(body.factor.level).toBe('high');
    expect(body.factor.coverage).toBe(4 / 5);
    expect(body.factor.levels).toEqual({ medium: 0.34, high: 0.67 });

    const pc = indicator(body, 'F1.pc');
    expect(pc).toMatchObject({ role: 'teacher', kind: 'share', weight: 1, n: 5, missing: null, best: 0, worst: 1 });
    expect(pc.value).toBeCloseTo(0.6, 12); // 3 of 5
    expect(pc.risk).toBeCloseTo(0.6, 12);
    expect(pc.contribution).toBeCloseTo(0.15, 12); // 1 · 0.6 / 4
    expect(pc.counted).toEqual([
      { value: 'no', text: 'Нет' },
      { value: 'no_internet', text: 'Есть, но без интернета' },
    ]);
    expect(pc.questions[0]).toMatchObject({ name: 't_pc_access', title: 'Есть ли в кабинете компьютер с интернетом для работы на уроке?' });

    // 4 teachers rated the equipment: no value, and the team is not told that 4 (of 5) did.
    const equipment = indicator(body, 'F1.equipment');
    expect(equipment).toMatchObject({ n: null, value: null, risk: null, contribution: null, missing: 'too-few-answers', weight: 1, best: 5, worst: 1 });

    const internet = indicator(body, 'F1.internet');
    expect(internet).toMatchObject({ n: 1, value: 0.6, risk: 0.6, best: null, worst: null });
    expect(internet.choiceRisks).toContainEqual({ value: 'slow', text: 'Медленный: с трудом открываются сайты', risk: 0.6 });
    // In the questionnaire's order (fast → none), not the stored model's sorted keys (fast, none, slow, medium).
    expect(internet.choiceRisks.map((c) => [c.value, c.risk])).toEqual([
      ['fast', 0],
      ['medium', 0.2],
      ['slow', 0.6],
      ['none', 1],
    ]);

    const vacancies = indicator(body, 'F1.vacancies');
    expect(vacancies).toMatchObject({ n: 1, weight: 2, risk: 1 });
    expect(vacancies.value).toBeCloseTo(0.15, 12); // 3 / 20
    expect(vacancies.contribution).toBeCloseTo(0.5, 12); // 2 · 1 / 4
    expect(vacancies.questions.map((q) => q.name)).toEqual(['p_vacancies', 'p_teachers_total']);

    // The contributions add up to the score; the vacancies alone make more than half of it (2 of 3.2 points).
    expect(body.indicators.reduce((sum, i) => sum + (i.contribution ?? 0), 0)).toBeCloseTo(body.factor.score!, 12);
    expect(body.indicators.filter((i) => i.key).map((i) => i.id)).toEqual(['F1.vacancies']);
  });

  it('shows the distribution of answers from n = 5, and not at n = 4', async () => {
    const a = (await explain(teamA, w.a.id)).json() as FactorExplanation;
    // n = 5: counts per choice, with the risk each answer carries.
    expect(indicator(a, 'F1.pc').distribution).toEqual(A_PC_DISTRIBUTION);
    // n = 4 (one teacher left the rating empty): suppressed, and the count itself hidden.
    expect(indicator(a, 'F1.equipment')).toMatchObject({ n: null, distribution: { shown: false, reason: 'few-answers' } });
    // A ratio has no answers to count; the principal's numbers are shown instead.
    expect(indicator(a, 'F1.vacancies').distribution).toEqual({ shown: false, reason: 'ratio' });

    // School B: 4 teachers answered t_pc_access, all "no": too few to count the role, no value, no distribution.
    const b = (await explain(municipal, w.b.id)).json() as FactorExplanation;
    expect(indicator(b, 'F1.pc')).toMatchObject({
      n: null,
      value: null,
      risk: null,
      missing: 'role-not-reportable',
      distribution: { shown: false, reason: 'few-answers' },
    });
    // The administrator, who can read the database anyway, is shown the count.
    const asAdmin = (await explain(admin, w.b.id)).json() as FactorExplanation;
    expect(indicator(asAdmin, 'F1.pc')).toMatchObject({ n: 4, value: null, missing: 'role-not-reportable' });
  });

  it('shows the scale of a rating with every point once n ≥ 5', async () => {
    const body = (await explain(teamA, w.a.id, 'F1', w.earlier.id)).json() as FactorExplanation;
    // Earlier wave: five teachers all rated their equipment 1.
    expect(indicator(body, 'F1.equipment').distribution).toEqual({
      shown: true,
      dontKnow: 0,
      rows: [
        { value: 1, text: '1 — Очень плохо', count: 5, risk: 1 },
        { value: 2, text: '2', count: 0, risk: 0.75 },
        { value: 3, text: '3', count: 0, risk: 0.5 },
        { value: 4, text: '4', count: 0, risk: 0.25 },
        { value: 5, text: '5 — Отлично', count: 0, risk: 0 },
      ],
    });
  });

  it("gives the principal's own answers with the questionnaire's words", async () => {
    const body = (await explain(teamA, w.a.id)).json() as FactorExplanation;
    expect(body.principal.responses).toBe(1);
    expect(body.principal.questions.map((q) => [q.name, q.answers])).toEqual([
      ['p_internet', [{ number: null, text: 'Медленный: с трудом открываются сайты' }]],
      ['p_vacancies', [{ number: 3, text: null }]],
      ['p_teachers_total', [{ number: 20, text: null }]],
    ]);
  });

  it('says why an indicator is missing, and gives no score below half coverage', async () => {
    const body = (await explain(teamA, w.a.id, 'F2')).json() as FactorExplanation;
    expect(body.factor).toMatchObject({ score: null, level: 'insufficient', coverage: 0 });
    expect(indicator(body, 'F2.unsafe')).toMatchObject({ missing: 'role-not-reportable', value: null, risk: null, contribution: null, key: false });
    expect(indicator(body, 'F2.discipline')).toMatchObject({ missing: 'no-answers', n: null });
    expect(body.roles.student).toEqual({ expected: 100, responses: 0, rate: 0, reportable: false, minRate: 0.5 });
    expect(body.minN).toBe(5);
    expect(body.principal.questions).toEqual([]);
  });

  it("never lets a school team read another school's profile or explanation", async () => {
    const profile = (who: LoggedIn, schoolId: number) =>
      t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/schools/${schoolId}/profile`, headers: { cookie: who.cookie } });
    expect((await profile(teamB, w.a.id)).statusCode).toBe(403);
    expect((await profile(teamA, w.a.id)).statusCode).toBe(200);
    expect((await explain(teamB, w.a.id)).statusCode).toBe(403);
    expect((await explain(teamA, w.b.id)).json().code).toBe('out_of_scope');
    expect((await explain(otherMunicipal, w.a.id)).statusCode).toBe(403);
    expect((await explain(null, w.a.id)).statusCode).toBe(401);
    expect((await explain(municipal, w.a.id)).statusCode).toBe(200);
  });

  describe('every factor at once', () => {
    it('explains each factor of the model in order, with the numbers worked out by hand', async () => {
      const res = await explainAll(teamA, w.a.id);
      expect(res.statusCode).toBe(200);
      const body = res.json() as SchoolExplanations;
      expect(body.school).toEqual({ id: w.a.id, code: w.a.code, name: 'Школа А' });
      expect(body.wave).toEqual({ id: w.later.id, title: 'Осень' });
      expect(body.model).toEqual({ id: 'hand-model', title: 'Модель для расчёта вручную' });
      expect(body.factors.map((f) => f.factor.id)).toEqual(['F1', 'F2', 'F3']);
      const [f1, f2, f3] = body.factors as [ExplanationBody, ExplanationBody, ExplanationBody];

      // F1: (0.6 + 0.6 + 2·1) / 4 = 0.8 → high; t_pc_access answered by 5 teachers (shown), t_equipment by 4 (withheld).
      expect(f1.factor).toMatchObject({ level: 'high', coverage: 4 / 5 });
      expect(f1.factor.score).toBeCloseTo(0.8, 12);
      expect(indicator(f1, 'F1.pc').distribution).toEqual(A_PC_DISTRIBUTION);
      expect(indicator(f1, 'F1.equipment')).toMatchObject({ missing: 'too-few-answers', n: null, distribution: { shown: false, reason: 'few-answers' } });
      expect(f1.principal.questions.map((q) => q.name)).toEqual(['p_internet', 'p_vacancies', 'p_teachers_total']);

      // F2: students 0 of 100 are not reportable, nobody answered t_discipline; F3: parents 0 of 90. Both without a score.
      expect(f2.factor).toMatchObject({ score: null, level: 'insufficient', coverage: 0 });
      expect(indicator(f2, 'F2.discipline')).toMatchObject({ missing: 'no-answers', n: null, distribution: { shown: false, reason: 'few-answers' } });
      expect(f3.factor).toMatchObject({ score: null, level: 'insufficient', coverage: 0 });
      expect(indicator(f3, 'F3.meetings')).toMatchObject({ missing: 'role-not-reportable', n: null });
      // Only a factor with principal indicators brings the principal's answers along.
      expect(f2.principal).toEqual({ responses: 0, questions: [] });
      expect(f3.roles.parent).toEqual({ expected: 90, responses: 0, rate: 0, reportable: false, minRate: 0.3 });
    });

    it('gives each factor exactly what the one-factor route gives', async () => {
      const all = (await explainAll(municipal, w.a.id, w.earlier.id)).json() as SchoolExplanations;
      for (const factor of all.factors) {
        const one = (await explain(municipal, w.a.id, factor.factor.id, w.earlier.id)).json() as FactorExplanation;
        expect({ school: all.school, wave: all.wave, model: all.model, ...factor }).toEqual(one);
      }
    });

    it('keeps a distribution below n = 5 hidden, and checks scope like the profile', async () => {
      const b = (await explainAll(municipal, w.b.id)).json() as SchoolExplanations;
      expect(indicator(b.factors[0]!, 'F1.pc')).toMatchObject({ n: null, value: null, distribution: { shown: false, reason: 'few-answers' } });
      expect((await explainAll(teamB, w.a.id)).json().code).toBe('out_of_scope');
      expect((await explainAll(otherMunicipal, w.a.id)).statusCode).toBe(403);
      expect((await explainAll(null, w.a.id)).statusCode).toBe(401);
      expect((await explainAll(teamA, w.a.id, 999_999)).json().code).toBe('wave_not_found');
    });
  });

  it('answers 404 for a factor the wave’s model does not have', async () => {
    const res = await explain(teamA, w.a.id, 'R99');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('factor_not_found');
  });
});
