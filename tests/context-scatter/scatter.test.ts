import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextResults, Scatter } from '../../server/context-scatter/context-scatter.schemas.js';
import { pearson } from '../../server/context-scatter/pearson.js';
import { defaultYear, type ResultKey } from '../../server/context-scatter/results.repository.js';
import type { Db } from '../../server/db/connect.js';
import type { RiskModel } from '../../server/scoring/model.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ensureQuestionnaires, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addAnswers } from '../explanations/world.js';
import { V1_DIR } from '../profiles/world.js';

/**
 * A model whose scores are read off one principal answer: R1 = p_vacancies / p_teachers_total over 0 → 0.1, so with
 * 100 teachers a school with v vacancies scores v / 10. R2 exists so that the factor asked for matters.
 */
const SCATTER_MODEL: RiskModel = {
  id: 'scatter-model',
  title: 'Модель для диаграммы рассеяния',
  levels: { medium: 0.34, high: 0.67 },
  minRate: { principal: 1, teacher: 0.5, student: 0.5, parent: 0.3 },
  factors: [
    {
      id: 'R1',
      title: 'Кадры',
      indicators: [
        { id: 'R1.vacancies', role: 'principal', kind: 'ratio', numerator: 'p_vacancies', denominator: 'p_teachers_total', best: 0, worst: 0.1, weight: 1 },
      ],
    },
    {
      id: 'R2',
      title: 'Интернет',
      indicators: [
        { id: 'R2.internet', role: 'principal', kind: 'choice', question: 'p_internet', risk: { none: 1, slow: 0.6, medium: 0.2, fast: 0 }, weight: 1 },
      ],
    },
  ],
};

const MATHS = { procedure: 'vpr', subject: 'Математика', grade: 5 } as const;

async function addResult(db: Db, schoolId: number, year: number, meanScore: number | null, share2: number | null = null, key: ResultKey = MATHS) {
  await db
    .insertInto('assessment_results')
    .values({ school_id: schoolId, year, ...key, participants: 40, mean_score: meanScore, share_2: share2 })
    .execute();
}

describe('Pearson r and the default year', () => {
  it('computes r by its definition and refuses fewer than five pairs or a constant side', () => {
    // x 1..5, y = 2x: perfectly linear.
    expect(pearson([1, 2, 3, 4, 5].map((x) => [x, 2 * x] as const))).toBe(1);
    expect(pearson([1, 2, 3, 4].map((x) => [x, x] as const))).toBeNull();
    expect(pearson([1, 2, 3, 4, 5].map((x) => [x, 0.1] as const))).toBeNull();
  });

  it("takes the latest year not after the year the wave opens in, in the region's zone", () => {
    // 31 December 2025, 15:00 UTC is already 1 January 2026 in Vladivostok (UTC+10), still 2025 in Moscow (UTC+3).
    const opens_at = new Date('2025-12-31T15:00:00Z');
    expect(defaultYear([2027, 2026, 2025, 2024], { opens_at, time_zone: 'Asia/Vladivostok' })).toBe(2026);
    expect(defaultYear([2027, 2026, 2025, 2024], { opens_at, time_zone: 'Europe/Moscow' })).toBe(2025);
    expect(defaultYear([2027], { opens_at, time_zone: 'Europe/Moscow' })).toBeNull();
  });
});

describe.each(TEST_DATABASES)("the region's scatter of a factor against a result on %s", (kind) => {
  let t: TestApp;
  let waveId: number;
  let openWaveId: number;
  const who = {} as Record<'region' | 'municipality' | 'school' | 'curator' | 'admin', LoggedIn>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    await db
      .insertInto('risk_models')
      .values({
        id: SCATTER_MODEL.id,
        title: SCATTER_MODEL.title,
        definition: JSON.stringify(SCATTER_MODEL),
        questionnaires_id: await ensureQuestionnaires(db, V1_DIR),
      })
      .execute();
    const region = await newRegion(db);
    const [m1, m2] = [await newMunicipality(db, region.id, 'Ангарский район'), await newMunicipality(db, region.id, 'Братский район')];
    const school = (m: { id: number }, name: string) => newSchool(db, m.id, { principal: 1, teacher: 8, student: 100, parent: 90 }, name);
    const [a, b, c, d] = [await school(m1, 'Школа А'), await school(m1, 'Школа Б'), await school(m1, 'Школа В'), await school(m1, 'Школа Г')];
    const [e, f, g] = [await school(m2, 'Школа Д'), await school(m2, 'Школа Е'), await school(m2, 'Школа Ж')];
    // Opened in March 2026 and closed: its figures are released.
    const wave = await newWave(db, region.id, {
      modelId: SCATTER_MODEL.id,
      opensAt: new Date('2026-03-01T00:00:00Z'),
      closesAt: new Date('2026-03-20T00:00:00Z'),
    });
    const open = await newWave(db, region.id, { modelId: SCATTER_MODEL.id, opensInDays: -1, closesInDays: 10 });
    [waveId, openWaveId] = [wave.id, open.id];

    // R1 = v / 10: А 0.1, Б 0.2, В 0.4, Г 0.6, Д 0.8, Ж 0.5; Е has no answer, so R1 is insufficient.
    for (const [s, vacancies] of [
      [a, 1],
      [b, 2],
      [c, 4],
      [d, 6],
      [e, 8],
      [g, 5],
    ] as const) {
      for (const w of [wave, open]) await addAnswers(db, w.id, s.id, 'principal', [{ p_vacancies: vacancies, p_teachers_total: 100, p_internet: 'fast' }]);
    }
    // Maths grade 5 of 2026 (the wave's year): mean score, and the share of «2» for some.
    for (const [s, mean, share2] of [
      [a, 60, 5],
      [b, 50, 10],
      [c, 55, null],
      [d, 40, 20],
      [e, 30, 25],
      [f, 45, 15],
    ] as const)
      await addResult(db, s.id, 2026, mean, share2);
    // Ж has no maths result; other years and a result of Ж alone, for the pickers.
    await addResult(db, a.id, 2025, 70);
    await addResult(db, a.id, 2027, 10);
    await addResult(db, g.id, 2026, 3.5, null, { procedure: 'oge', subject: 'История', grade: 9 });
    // Another region's school: its results are no part of this region's pickers.
    const elsewhere = await newSchool(db, (await newMunicipality(db, (await newRegion(db)).id)).id);
    await addResult(db, elsewhere.id, 2026, 4, null, { procedure: 'ege', subject: 'Физика', grade: 11 });

    who.region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id });
    who.municipality = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m1.id });
    who.school = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: a.id });
    who.curator = await newLoggedInAccount(t.app, db, { role: 'curator', regionId: region.id });
    who.admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const get = (caller: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: caller.cookie } });
  const scatterUrl = (query: Record<string, string | number>, wave = waveId) =>
    `/api/waves/${wave}/context/scatter?${new URLSearchParams(Object.entries({ factor: 'R1', ...MATHS, ...query }).map(([k, v]) => [k, String(v)]))}`;
  const scatter = async (caller: LoggedIn, query: Record<string, string | number> = {}) => {
    const res = await get(caller, scatterUrl(query));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Scatter;
  };

  it("lists the results of the territory's schools with their years and the wave's default year", async () => {
    const res = await get(who.region, `/api/waves/${waveId}/context/results`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ContextResults;
    expect(body.factors).toEqual([
      { id: 'R1', title: 'Кадры' },
      { id: 'R2', title: 'Интернет' },
    ]);
    // ВПР before ОГЭ, as the school page lists them.
    expect(body.results).toEqual([
      { ...MATHS, years: [2027, 2026, 2025], defaultYear: 2026 },
      { procedure: 'oge', subject: 'История', grade: 9, years: [2026], defaultYear: 2026 },
    ]);
    // The municipality's schools have no history result: Ж is of the other municipality.
    const municipal = (await get(who.municipality, `/api/waves/${waveId}/context/results`)).json() as ContextResults;
    expect(municipal.results).toEqual([{ ...MATHS, years: [2027, 2026, 2025], defaultYear: 2026 }]);
  });

  it('plots each school with a released score and a result, computes r by hand and counts the rest', async () => {
    const body = await scatter(who.region);
    expect(body.result).toEqual({ ...MATHS, year: 2026, measure: 'mean' });
    expect(body.factor).toEqual({ id: 'R1', title: 'Кадры' });
    const rows = Object.fromEntries(body.schools.map((s) => [s.school.name, [s.score === null ? null : Math.round(s.score * 1000) / 1000, s.level, s.value]]));
    expect(rows).toEqual({
      'Школа А': [0.1, 'low', 60],
      'Школа Б': [0.2, 'low', 50],
      'Школа В': [0.4, 'medium', 55],
      'Школа Г': [0.6, 'medium', 40],
      'Школа Д': [0.8, 'high', 30],
      'Школа Е': [null, 'insufficient', 45],
      'Школа Ж': [0.5, 'medium', null],
    });
    // Plotted: Е has no score, Ж no result.
    expect(body.plotted).toBe(5);
    expect(body.notPlotted).toEqual({ total: 2, noScore: 1, noResult: 1 });
    // x = 60 50 55 40 30 (mean 47), y = .1 .2 .4 .6 .8 (mean .42): dx = 13 3 8 −7 −17, dy = −.32 −.22 −.02 .18 .38;
    // Σdxdy = −4.16 − .66 − .16 − 1.26 − 6.46 = −12.7; Σdx² = 580; Σdy² = .328; r = −12.7 / √190.24 = −0.92077…
    expect(body.correlation.n).toBe(5);
    expect(body.correlation.r).toBeCloseTo(-12.7 / Math.sqrt(580 * 0.328), 10);
    expect(body.correlation.r).toBeCloseTo(-0.92077, 5);
  });

  it('plots the share of «2» instead of the mean, and a year asked for', async () => {
    const share = await scatter(who.region, { measure: 'share2' });
    expect(share.schools.filter((s) => s.value !== null).map((s) => [s.school.name, s.value])).toEqual([
      ['Школа А', 5],
      ['Школа Б', 10],
      ['Школа Г', 20],
      ['Школа Д', 25],
      ['Школа Е', 15],
    ]);
    // В has a mean but no share of «2»: four points, too few for r.
    expect(share.plotted).toBe(4);
    expect(share.notPlotted).toEqual({ total: 3, noScore: 1, noResult: 2 });
    expect(share.correlation).toEqual({ r: null, n: 4, minSchools: 5 });
    const earlier = await scatter(who.region, { year: 2025 });
    expect(earlier.schools.filter((s) => s.value !== null).map((s) => [s.school.name, s.value])).toEqual([['Школа А', 70]]);
  });

  it("shows a municipal coordinator only the municipality's schools, with no r below five", async () => {
    const body = await scatter(who.municipality);
    expect(body.schools.map((s) => s.school.name)).toEqual(['Школа А', 'Школа Б', 'Школа В', 'Школа Г']);
    expect(body.plotted).toBe(4);
    expect(body.correlation).toEqual({ r: null, n: 4, minSchools: 5 });
    expect(body.municipalities.map((m) => m.name)).toEqual(['Ангарский район']);
  });

  it("narrows the region's scatter to one municipality, and another's to nothing", async () => {
    const all = await scatter(who.region);
    expect(all.municipalities.map((m) => m.name)).toEqual(['Ангарский район', 'Братский район']);
    const [first, second] = all.municipalities;
    const one = await scatter(who.region, { municipalityId: second.id });
    expect(one.schools.map((s) => s.school.name)).toEqual(['Школа Д', 'Школа Е', 'Школа Ж']);
    expect(one.plotted).toBe(1);
    expect(one.notPlotted).toEqual({ total: 2, noScore: 1, noResult: 1 });
    expect(one.municipalities).toEqual(all.municipalities);
    // A municipal coordinator asking for a municipality not its own sees none of its schools.
    expect((await scatter(who.municipality, { municipalityId: second.id })).schools).toEqual([]);
    expect((await scatter(who.municipality, { municipalityId: first.id })).schools).toHaveLength(4);
  });

  it('answers an unknown result with every school counted and nothing plotted', async () => {
    const body = await scatter(who.region, { subject: 'Химия' });
    expect(body.result.year).toBeNull();
    expect(body.schools).toHaveLength(7);
    expect(body.plotted).toBe(0);
    expect(body.notPlotted).toEqual({ total: 7, noScore: 1, noResult: 7 });
    expect(body.correlation).toEqual({ r: null, n: 0, minSchools: 5 });
  });

  it('refuses an unknown factor, an open wave before its close, and school teams and curators', async () => {
    const unknown = await get(who.region, scatterUrl({ factor: 'R9' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown_factor');
    const hostile: Array<Record<string, string | number>> = [
      { measure: 'share5' },
      { year: '1e400' },
      { grade: 12 },
      { municipalityId: 2147483648 },
      { procedure: 'gia' },
    ];
    for (const query of hostile) {
      expect((await get(who.region, scatterUrl(query))).statusCode, JSON.stringify(query)).toBe(400);
    }

    // docs/methodology.md §6 rule 2: no score of an open wave, but its pickers are no figure.
    const open = await get(who.region, scatterUrl({}, openWaveId));
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('figures_not_released');
    expect(open.body).not.toMatch(/"(score|level|value)"/);
    expect((await get(who.region, `/api/waves/${openWaveId}/context/results`)).statusCode).toBe(200);
    const adminOpen = await get(who.admin, scatterUrl({}, openWaveId));
    expect(adminOpen.statusCode).toBe(200);
    expect((adminOpen.json() as Scatter).plotted).toBe(5);

    for (const caller of [who.school, who.curator]) {
      expect((await get(caller, scatterUrl({}))).statusCode).toBe(403);
      expect((await get(caller, `/api/waves/${waveId}/context/results`)).statusCode).toBe(403);
    }
  });
});
