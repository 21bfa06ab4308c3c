import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolTrend } from '../../server/dynamics/trend.schemas.js';
import type { RiskModel } from '../../server/scoring/model.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ensureQuestionnaires, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addAnswers, HAND_MODEL, storeHandModel } from '../explanations/world.js';
import { V1_DIR } from '../profiles/world.js';

/**
 * HAND_MODEL as another version might change it: F1's ratio weighs 1 instead of 2 (another measurement), and a
 * factor F4 of its own, the parents' share of F3 under another id.
 */
const OTHER_MODEL: RiskModel = {
  ...HAND_MODEL,
  id: 'hand-model-trend',
  title: 'Модель для расчёта вручную, другая версия',
  factors: [
    ...HAND_MODEL.factors.map((f) => (f.id === 'F1' ? { ...f, indicators: f.indicators.map((i) => (i.id === 'F1.vacancies' ? { ...i, weight: 1 } : i)) } : f)),
    { ...HAND_MODEL.factors[2]!, id: 'F4', title: 'Собрания', indicators: [{ ...HAND_MODEL.factors[2]!.indicators[0]!, id: 'F4.meetings' }] },
  ],
};

/** `hits` of 30 parents answer pa_meetings "rarely" (a risk), the others "always". */
const parents = (hits: number) => Array.from({ length: 30 }, (_, i) => ({ pa_meetings: i < hits ? 'rarely' : 'always' }));

const THRESHOLDS = { medium: 0.34, high: 0.67 };

describe.each(TEST_DATABASES)('a school across all its waves on %s', (kind) => {
  let t: TestApp;
  let school: number;
  let neighbour: number;
  let regionId: number;
  let waves: { spring: number; summer: number; autumn: number; current: number; planned: number };
  let team: LoggedIn;
  let neighbourTeam: LoggedIn;
  let coordinator: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    await storeHandModel(db);
    await db
      .insertInto('risk_models')
      .values({
        id: OTHER_MODEL.id,
        title: OTHER_MODEL.title,
        definition: JSON.stringify(OTHER_MODEL),
        questionnaires_id: await ensureQuestionnaires(db, V1_DIR),
      })
      .execute();
    const region = await newRegion(db);
    regionId = region.id;
    const municipality = await newMunicipality(db, region.id);
    const counts = { principal: 1, teacher: 8, student: 100, parent: 90 };
    school = (await newSchool(db, municipality.id, counts, 'Школа А')).id;
    neighbour = (await newSchool(db, municipality.id, counts, 'Школа Б')).id;
    // Created out of time order: the list follows when each wave opened, not its id.
    const autumn = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -30, closesInDays: -1, title: 'Осень' });
    const spring = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -120, closesInDays: -90, title: 'Весна' });
    const summer = await newWave(db, region.id, { modelId: OTHER_MODEL.id, opensInDays: -60, closesInDays: -50, title: 'Лето' });
    const current = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -2, closesInDays: 10, title: 'Текущая' });
    const planned = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: 20, closesInDays: 40, title: 'Будущая' });
    waves = { spring: spring.id, summer: summer.id, autumn: autumn.id, current: current.id, planned: planned.id };

    // Teachers and students never answer: their indicators are missing, F2 is insufficient in every wave, and F1
    // rests on the principal (coverage (1 + 2) / 5 = 0.6 in HAND_MODEL, (1 + 1) / 4 = 0.5 in OTHER_MODEL).
    // Spring: internet none (1), vacancies 3/20 → min(1, 0.15 / 0.1) = 1: F1 = (1 + 2·1) / 3 = 1, high.
    //   Parents 11 of 30 (rate 30/90 ≥ 0.3): F3 = 11/30 ≈ 0.366667, medium.
    await addAnswers(db, spring.id, school, 'principal', [{ p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 }]);
    await addAnswers(db, spring.id, school, 'parent', parents(11));
    // Summer (OTHER_MODEL): slow (0.6), vacancies 1/20 → 0.05 / 0.1 = 0.5, weight 1: F1 = (0.6 + 0.5) / 2 = 0.55, medium.
    //   F3 = F4 = 3/30 = 0.1, low.
    await addAnswers(db, summer.id, school, 'principal', [{ p_internet: 'slow', p_vacancies: 1, p_teachers_total: 20 }]);
    await addAnswers(db, summer.id, school, 'parent', parents(3));
    // Autumn: fast (0), 0/20 (0): F1 = 0, low. F3 = 9/30 = 0.3, low.
    await addAnswers(db, autumn.id, school, 'principal', [{ p_internet: 'fast', p_vacancies: 0, p_teachers_total: 20 }]);
    await addAnswers(db, autumn.id, school, 'parent', parents(9));
    // The open wave: F1 = (0.2 + 2·1) / 3 ≈ 0.733333 (medium internet 0.2, vacancies 3/20), high — for the administrator only.
    await addAnswers(db, current.id, school, 'principal', [{ p_internet: 'medium', p_vacancies: 3, p_teachers_total: 20 }]);
    // The neighbour's answers must not reach the school's trend.
    await addAnswers(db, autumn.id, neighbour, 'principal', [{ p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 }]);

    team = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: school });
    neighbourTeam = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: neighbour });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id });
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const trend = (who: LoggedIn, schoolId = school) => t.app.inject({ method: 'GET', url: `/api/schools/${schoolId}/trend`, headers: { cookie: who.cookie } });
  const read = async (who: LoggedIn, schoolId = school) => {
    const res = await trend(who, schoolId);
    expect(res.statusCode).toBe(200);
    return res.json() as SchoolTrend;
  };
  const factor = (body: SchoolTrend, id: string) => body.factors.find((f) => f.id === id)!;

  it('lists every wave that has opened with the school, in the order they opened, with the model of each', async () => {
    const body = await read(team);
    expect(body.schoolId).toBe(school);
    expect(body.waves.map((w) => [w.wave.id, w.wave.title, w.model.id])).toEqual([
      [waves.spring, 'Весна', HAND_MODEL.id],
      [waves.summer, 'Лето', OTHER_MODEL.id],
      [waves.autumn, 'Осень', HAND_MODEL.id],
      [waves.current, 'Текущая', HAND_MODEL.id],
    ]);
    // The latest model's factors in its order, then the one only the summer's model has.
    expect(body.factors.map((f) => [f.id, f.title])).toEqual([
      ['F1', 'Оснащение'],
      ['F2', 'Среда'],
      ['F3', 'Родители'],
      ['F4', 'Собрания'],
    ]);
  });

  it('gives each released wave the score and level its profile shows, computed by hand', async () => {
    const body = await read(team);
    const f1 = factor(body, 'F1').points;
    expect(f1.map((p) => [p.shown, p.level])).toEqual([
      ['scored', 'high'],
      ['scored', 'medium'],
      ['scored', 'low'],
      ['withheld', null],
    ]);
    expect(f1[0]!.score).toBe(1);
    expect(f1[1]!.score).toBeCloseTo(0.55, 12);
    expect(f1[2]!.score).toBe(0);
    expect(f1.map((p) => p.thresholds)).toEqual([THRESHOLDS, THRESHOLDS, THRESHOLDS, THRESHOLDS]);

    const f3 = factor(body, 'F3').points;
    expect(f3.map((p) => p.level)).toEqual(['medium', 'low', 'low', null]);
    expect(f3[0]!.score).toBeCloseTo(11 / 30, 12);
    expect(f3[1]!.score).toBeCloseTo(0.1, 12);
    expect(f3[2]!.score).toBeCloseTo(0.3, 12);

    // Nobody answered for F2: scored as insufficient, with no score.
    expect(factor(body, 'F2').points.slice(0, 3)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ shown: 'scored', score: null, level: 'insufficient' })),
    );
    // F4 exists in the summer's model alone.
    const f4 = factor(body, 'F4').points;
    expect(f4.map((p) => p.shown)).toEqual(['absent', 'scored', 'absent', 'absent']);
    expect(f4[1]!.score).toBeCloseTo(0.1, 12);
    expect(f4[0]).toEqual({ shown: 'absent', score: null, level: null, thresholds: null, alikeWithPrevious: false });
  });

  it('withholds the open wave from the team, saying when it is released, and shows it to the administrator', async () => {
    const body = await read(team);
    const current = body.waves[3]!;
    expect(current.releasesAt).toBe(current.wave.closesAt);
    expect(body.waves.slice(0, 3).map((w) => w.releasesAt)).toEqual([null, null, null]);
    expect(body.factors.map((f) => f.points[3])).toEqual(
      body.factors.map((f) =>
        f.id === 'F4'
          ? expect.objectContaining({ shown: 'absent' })
          : { shown: 'withheld', score: null, level: null, thresholds: THRESHOLDS, alikeWithPrevious: true },
      ),
    );

    const seenByAdmin = await read(admin);
    expect(seenByAdmin.waves[3]!.releasesAt).toBeNull();
    const f1 = factor(seenByAdmin, 'F1').points[3]!;
    expect(f1).toMatchObject({ shown: 'scored', level: 'high' });
    expect(f1.score).toBeCloseTo(2.2 / 3, 12);
  });

  it('breaks a factor where the model changed what it measures, and only there', async () => {
    const body = await read(coordinator);
    const joins = (id: string) => factor(body, id).points.map((p) => p.alikeWithPrevious);
    // F1's ratio weighs 1 in summer and 2 in spring and autumn: neither step joins; autumn → current is one model.
    expect(joins('F1')).toEqual([false, false, false, true]);
    // F2 and F3 are defined alike by both models.
    expect(joins('F2')).toEqual([false, true, true, true]);
    expect(joins('F3')).toEqual([false, true, true, true]);
    expect(joins('F4')).toEqual([false, false, false, false]);
  });

  it("lets a school team read its own trend only, and coordinators their region's", async () => {
    const refused = await trend(neighbourTeam);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('out_of_scope');
    expect((await trend(team, neighbour)).statusCode).toBe(403);
    const ownNeighbour = await read(neighbourTeam, neighbour);
    // The neighbour's autumn: F1 = (1 + 2·1) / 3 = 1; its other waves have no answers: insufficient.
    expect(factor(ownNeighbour, 'F1').points.map((p) => p.level)).toEqual(['insufficient', 'insufficient', 'high', null]);
    const other = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: (await newRegion(t.database.db)).id });
    expect((await trend(other)).statusCode).toBe(403);
    expect((await trend(admin, 999999)).statusCode).toBe(404);
  });

  it('leaves out the waves that opened before the school joined the region', async () => {
    await read(admin);
    const municipality = await newMunicipality(t.database.db, regionId);
    const late = await newSchool(t.database.db, municipality.id, { principal: 1 }, 'Школа В');
    // Every wave that has opened froze its roster at the reads above; only the planned one would have it, and it is not listed.
    const body = await read(admin, late.id);
    expect(body.waves).toEqual([]);
    expect(body.factors).toEqual([]);
  });
});
