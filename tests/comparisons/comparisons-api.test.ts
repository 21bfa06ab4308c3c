import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolComparisons } from '../../server/comparisons/comparisons.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { HAND_MODEL, addAnswers, storeHandModel } from '../explanations/world.js';

const DAY = 24 * 3600 * 1000;

/**
 * Nine schools answered by their principals only (teachers not reportable), so F1 = (internet + 2 · vacancies) / 3
 * over a coverage of 3/5 (docs/methodology.md §2, tests/explanations/world.ts). Times 3, the scores are
 * 0, 0.2, 0.6, 1, 1, 1.6, 2, 3 for schools 1–8; school 9 has no answer, F1 insufficient.
 */
const PRINCIPALS: Array<[string, number] | null> = [
  ['fast', 0], // 0
  ['medium', 0], // 0.2 / 3
  ['slow', 0], // 0.6 / 3
  ['none', 0], // 1 / 3
  ['fast', 1], // 2 · 0.5 / 3
  ['slow', 1], // (0.6 + 1) / 3
  ['none', 1], // (1 + 1) / 3
  ['none', 2], // (1 + 2) / 3
  null,
];

describe.each(TEST_DATABASES)('comparisons of a school with its region and similar schools on %s', (kind) => {
  let t: TestApp;
  let schools: Array<{ id: number }>;
  let waveId: number;
  let openWaveId: number;
  let region: LoggedIn;
  let team1: LoggedIn;
  let team8: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    await storeHandModel(db);
    const r = await newRegion(db);
    const m = await newMunicipality(db, r.id);
    schools = [];
    for (let i = 1; i <= 9; i++) schools.push(await newSchool(db, m.id, { principal: 1, teacher: 8, student: 100, parent: 90 }, `Школа ${i}`));
    // Opened in 2026 (any zone), closed a day ago: its figures are out and settled, so the region's scores are kept.
    const wave = await newWave(db, r.id, { modelId: HAND_MODEL.id, opensAt: new Date('2026-11-10T12:00:00Z'), closesAt: new Date(Date.now() - DAY) });
    waveId = wave.id;
    openWaveId = (await newWave(db, r.id, { modelId: HAND_MODEL.id, opensInDays: -1, closesInDays: 10 })).id;
    for (const [i, answer] of PRINCIPALS.entries()) {
      if (answer) await addAnswers(db, waveId, schools[i]!.id, 'principal', [{ p_internet: answer[0], p_vacancies: answer[1], p_teachers_total: 20 }]);
    }
    const context = (i: number, year: number, values: { social_index?: number; settlement?: 'urban' | 'rural'; students?: number }) => ({
      school_id: schools[i - 1]!.id,
      year,
      ...values,
    });
    await db
      .insertInto('school_context')
      .values([
        ...[1, 2, 3, 4, 5, 6].map((i) => context(i, 2026, { settlement: 'rural', students: 100 })),
        // A year after the wave's: not yet known when it was asked, so school 1 stays rural and small.
        context(1, 2027, { settlement: 'urban', students: 900 }),
        context(7, 2026, { settlement: 'rural', students: 600, social_index: 9 }),
        // School 8's latest year up to the wave's is 2025.
        context(8, 2024, { settlement: 'rural', students: 100 }),
        context(8, 2025, { settlement: 'urban', students: 100, social_index: 5 }),
        context(9, 2026, { settlement: 'rural', students: 90 }),
      ])
      .execute();
    region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: r.id });
    team1 = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: schools[0]!.id });
    team8 = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: schools[7]!.id });
  });
  afterAll(() => t?.close());

  const get = (who: LoggedIn, school: number, wave = waveId) =>
    t.app.inject({ method: 'GET', url: `/api/waves/${wave}/schools/${schools[school - 1]!.id}/comparisons`, headers: { cookie: who.cookie } });

  it("sets a school's factor beside the region's quartiles and its size and settlement group's", async () => {
    const res = await get(team1, 1);
    expect(res.statusCode).toBe(200);
    const body = res.json() as SchoolComparisons;
    expect(body.regionSchools).toBe(9);
    expect(body.similar).toEqual({ rule: { kind: 'size-settlement', settlement: 'rural', size: 'small' }, contextYear: 2026, schools: 7 });
    const f1 = body.factors[0]!;
    expect(f1).toMatchObject({ id: 'F1', score: 0, level: 'low' });
    // Region, 8 scores ×3 sorted 0, 0.2, 0.6, 1, 1, 1.6, 2, 3 (type 7): q1 at h = 1.75 → 0.2 + 0.75 · 0.4 = 0.5;
    // median at h = 3.5 → 1; q3 at h = 5.25 → 1.6 + 0.25 · 0.4 = 1.7. School 9 has no score and is not counted.
    expect(f1.region.schools).toBe(8);
    expect(f1.region.q1).toBeCloseTo(0.5 / 3, 12);
    expect(f1.region.median).toBeCloseTo(1 / 3, 12);
    expect(f1.region.q3).toBeCloseTo(1.7 / 3, 12);
    // Rural and small: schools 1–6 and 9, of which 1–6 scored, ×3 0, 0.2, 0.6, 1, 1, 1.6: q1 at h = 1.25 → 0.3;
    // median at h = 2.5 → 0.8; q3 at h = 3.75 → 1 + 0.75 · (1 − 1) = 1.
    expect(f1.similar!.schools).toBe(6);
    expect(f1.similar!.q1).toBeCloseTo(0.3 / 3, 12);
    expect(f1.similar!.median).toBeCloseTo(0.8 / 3, 12);
    expect(f1.similar!.q3).toBeCloseTo(1 / 3, 12);
    // Nobody answered for F2 and F3: no school has a score, and nothing is compared.
    expect(body.factors[1]).toMatchObject({ id: 'F2', score: null, level: 'insufficient', region: { schools: 0, q1: null, median: null, q3: null } });
  });

  it('chooses by the social index where the school has one, and compares with nothing from fewer than five schools', async () => {
    const body = (await get(team8, 8)).json() as SchoolComparisons;
    // Indices of the region: 9 (school 7) and 5 (school 8, 2025): too few for two bands, so both schools are alike.
    expect(body.similar).toEqual({ rule: { kind: 'social-index', band: 1, bands: 1, from: null, to: null }, contextYear: 2025, schools: 2 });
    expect(body.factors[0]!.similar).toEqual({ schools: 2, q1: null, median: null, q3: null });
    expect(body.factors[0]!.region.schools).toBe(8);
  });

  it('says so when a school has no context to choose similar schools by', async () => {
    await t.database.db.deleteFrom('school_context').where('school_id', '=', schools[3]!.id).execute();
    const body = (await get(region, 4)).json() as SchoolComparisons;
    expect(body.similar).toEqual({ rule: { kind: 'none' }, contextYear: null, schools: 0 });
    expect(body.factors[0]!.similar).toBeNull();
  });

  it("follows a review decision made after the close, though the region's scores are kept", async () => {
    expect(((await get(region, 1)).json() as SchoolComparisons).factors[0]!.region.schools).toBe(8);
    // Excluding school 8's principal (as a coordinator's review would) leaves school 8's F1 without a score.
    await t.database.db
      .updateTable('responses')
      .set({ counted: false, review: 'excluded' })
      .where('wave_id', '=', waveId)
      .where('school_id', '=', schools[7]!.id)
      .execute();
    const f1 = ((await get(region, 1)).json() as SchoolComparisons).factors[0]!;
    // ×3: 0, 0.2, 0.6, 1, 1, 1.6, 2 — median at h = 3 → 1; q1 at h = 1.5 → 0.4; q3 at h = 4.5 → 1.3.
    expect(f1.region).toMatchObject({ schools: 7 });
    expect(f1.region.q1).toBeCloseTo(0.4 / 3, 12);
    expect(f1.region.q3).toBeCloseTo(1.3 / 3, 12);
  });

  it("keeps an open wave's comparisons until it closes, and a school team to its own school", async () => {
    expect((await get(team1, 1, openWaveId)).json()).toMatchObject({ code: 'figures_not_released' });
    expect((await get(team1, 2)).statusCode).toBe(403);
  });
});
