import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import type { Db } from '../../server/db/connect.js';
import type { SchoolProfileBody } from '../../server/profiles/schemas.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { login, TEST_PASSWORD } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { closeWave, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { respond, respondents, storeRealModel, V1_DIR, V1_MODEL_FILE } from './world.js';
import { paddedWithDontKnow } from '../helpers/answers.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';

// Hand-computed with version 1 of the content (surveys/archive/500plus-v1): the engine's rules, not v2's content, are
// under test, and v1 waves must keep scoring so.
const V1 = await loadQuestionnaires(V1_DIR);

/** Numbers are compared to the last bits a different order of additions may change. */
function expectClose(actual: number | null, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThan(1e-12);
}

// One school, answered through the public link API. Roster: 1 principal, 12 teachers, 10 students, 30 parents.
// Teachers and parents answer three times over (each answer given by three people), so that shares and means stay
// those of a few answers while every figure rests on at least five (docs/methodology.md §2).
// surveys/risk-model.json: minRate principal 1, teacher 0.5, student 0.5, parent 0.3; levels medium 0.34, high 0.67.
const PRINCIPAL = {
  p_internet: 'slow',
  p_projector_share: 40,
  p_teachers_total: 40,
  p_vacancies: 2,
  p_teachers_pension: 10,
  p_students_total: 500,
  p_method_assoc: 'yes',
  p_pd_plan: 'no',
  // p_low_vpr_teachers_share left empty
};
const thrice = <T>(people: T[]) => [...people, ...people, ...people];
// 9 of 12 teachers: rate 0.75, reportable.
const TEACHERS = thrice(
  respondents({
    t_equipment: [4, 2, undefined],
    t_pc_access: ['yes', 'no_internet', 'no'],
    t_load: ['rate_over_1_5', 'rate_up_to_1', 'rate_1_to_1_5'],
    t_outside_diploma: ['yes', 'yes', 'no'],
    t_lesson_visits: ['no', 'no', 'no'],
    t_method_talks: ['never', 'rarely', undefined],
    t_discipline: ['often', 'sometimes', undefined],
    t_parent_involvement: [2, 3, 1],
    t_pd_subject: ['no', 'yes', 'yes'],
    t_mixed_confidence: [3, 4, 5],
    t_use_results: ['often', 'rarely', 'never'],
  }),
);
// 4 of 10 students: rate 0.4 < 0.5 and fewer than 5, not reportable; their answers are counted (n) but not scored. Each
// is filled up with «затрудняюсь ответить» to the minimum that counts (docs/methodology.md §7), which changes no figure.
const STUDENTS = respondents({
  s_computer_use: ['never', 'often', 'never', undefined],
  s_safe: ['never', 'dont_know', 'always', 'mostly'],
}).map((answers) => paddedWithDontKnow('student', answers, V1));
// 9 of 30 parents: rate 0.3, just reportable.
const PARENTS = thrice(
  respondents({
    pa_atmosphere: [5, 4, 'dont_know'],
    pa_meetings: ['never', 'always', 'rarely'],
    pa_follow_studies: ['daily', 'weekly', undefined],
    pa_class_teacher_talk: ['no', 'yes', 'yes'],
  }),
);

describe.each(TEST_DATABASES)('risk profile API on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const model = await storeRealModel(db, V1_DIR);
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    const otherMunicipality = await newMunicipality(db, region.id);
    const school = await newSchool(db, municipality.id, { principal: 1, teacher: 12, student: 10, parent: 30 });
    const neighbour = await newSchool(db, municipality.id);
    const farSchool = await newSchool(db, otherMunicipality.id);
    const elsewhere = await newSchool(db, (await newMunicipality(db, (await newRegion(db)).id)).id);
    const opened = await newWave(db, region.id, { modelId: model.id });
    await respond(t.app, db, opened.id, school.id, 'principal', [PRINCIPAL]);
    await respond(t.app, db, opened.id, school.id, 'teacher', TEACHERS);
    await respond(t.app, db, opened.id, school.id, 'student', STUDENTS);
    await respond(t.app, db, opened.id, school.id, 'parent', PARENTS);
    const wave = await closeWave(db, opened.id);
    const account = async (email: string, spec: Parameters<typeof createAccount>[1]) => {
      await createAccount(db, { ...spec, email, password: TEST_PASSWORD });
      return (await login(t.app, email)).cookie;
    };
    return {
      model,
      region,
      municipality,
      school,
      neighbour,
      farSchool,
      elsewhere,
      wave,
      schoolTeam: await account(`school-${kind}@test.local`, { email: '', role: 'school', schoolId: school.id }),
      regionCoordinator: await account(`region-${kind}@test.local`, { email: '', role: 'region', regionId: region.id }),
      otherMunicipality: await account(`mun-${kind}@test.local`, { email: '', role: 'municipality', municipalityId: otherMunicipality.id }),
      admin: await account(`admin-${kind}@test.local`, { email: '', role: 'admin' }),
    };
  }

  beforeAll(async () => {
    t = await openTestApp(kind);
    db = t.database.db;
    world = await buildWorld();
  });
  afterAll(() => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const profileUrl = (waveId: number, schoolId: number) => `/api/waves/${waveId}/schools/${schoolId}/profile`;
  const factor = (body: SchoolProfileBody, id: string) => body.factors.find((f) => f.id === id)!;

  it('serves the school, the wave and the pinned model with participation per role', async () => {
    const res = await get(profileUrl(world.wave.id, world.school.id), world.schoolTeam);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.school).toEqual({
      id: world.school.id,
      code: world.school.code,
      name: world.school.name,
      municipality: { id: world.municipality.id, name: world.municipality.name },
    });
    expect(body.wave).toEqual({
      id: world.wave.id,
      title: world.wave.title,
      opensAt: new Date(world.wave.opens_at).toISOString(),
      closesAt: new Date(world.wave.closes_at).toISOString(),
      target: 0.9,
      timeZone: 'Europe/Moscow',
    });
    expect(body.model).toEqual({ id: world.model.id, title: world.model.title });
    expect(body.roles).toEqual({
      principal: { expected: 1, responses: 1, rate: 1, reportable: true }, // 1/1 ≥ 1
      teacher: { expected: 12, responses: 9, rate: 0.75, reportable: true }, // 9/12 ≥ 0.5
      student: { expected: 10, responses: 4, rate: 0.4, reportable: false }, // 4/10 < 0.5, and 4 < 5
      parent: { expected: 30, responses: 9, rate: 0.3, reportable: true }, // 9/30 ≥ 0.3
    });
    expect(body.factors.map((f: { id: string }) => f.id)).toEqual(world.model.factors.map((f) => f.id));
  });

  it('scores R1 (equipment) as computed by hand, with the students not reportable', async () => {
    const r1 = factor((await get(profileUrl(world.wave.id, world.school.id), world.schoolTeam)).json(), 'R1');
    const [internet, projectors, equipment, teacherPc, studentPc] = r1.indicators;
    // principal chose "slow": risk map gives 0.6.
    expect(internet).toMatchObject({ id: 'R1.internet', n: 1, missing: null });
    expectClose(internet.value, 0.6);
    expectClose(internet.risk, 0.6);
    // projectors 40 % on the scale best 100 → worst 0: (40 − 100) / (0 − 100) = 0.6.
    expect(projectors).toMatchObject({ n: 1, value: 40 });
    expectClose(projectors.risk, 0.6);
    // teachers rated equipment 4 and 2 (a third left it empty), three each: mean 3, scale 5 → 1: (3 − 5) / (1 − 5) = 0.5.
    expect(equipment).toMatchObject({ n: 6, value: 3, risk: 0.5 });
    // "no_internet" and "no" out of 3 teachers, three each: 2/3, scale 0 → 1.
    expect(teacherPc.n).toBe(9);
    expectClose(teacherPc.risk, 2 / 3);
    // 3 students answered, but the role is not reportable; that 3 did is not shown below 5.
    expect(studentPc).toMatchObject({ n: null, value: null, risk: null, missing: 'role-not-reportable' });
    // weights all 1; 4 of 5 present.
    expectClose(r1.coverage, 4 / 5);
    expectClose(r1.score, (0.6 + 0.6 + 0.5 + 2 / 3) / 4); // 0.5917
    expect(r1.level).toBe('medium');
  });

  it('scores R2 (staffing) with the weight-2 ratios as computed by hand', async () => {
    const r2 = factor((await get(profileUrl(world.wave.id, world.school.id), world.schoolTeam)).json(), 'R2');
    const [vacancies, pension, overload, outside] = r2.indicators;
    // 2 vacancies / 40 teachers = 0.05 on 0 → 0.1: 0.5.
    expectClose(vacancies.value, 2 / 40);
    expectClose(vacancies.risk, 0.05 / 0.1);
    // 10 of pension age / 40 = 0.25 on 0.1 → 0.4: 0.15 / 0.3 = 0.5.
    expectClose(pension.value, 10 / 40);
    expectClose(pension.risk, (0.25 - 0.1) / (0.4 - 0.1));
    // 1 of 3 teachers above 1.5 rates: 1/3 on 0 → 0.5: 2/3.
    expectClose(overload.value, 1 / 3);
    expectClose(overload.risk, 1 / 3 / 0.5);
    // 2 of 3 teach outside their diploma: 2/3 on 0 → 0.5 = 4/3, clamped to 1.
    expectClose(outside.value, 2 / 3);
    expect(outside.risk).toBe(1);
    expect(r2.coverage).toBe(1);
    expectClose(r2.score, (2 * 0.5 + 2 * 0.5 + 1 * (2 / 3) + 1 * 1) / (2 + 2 + 1 + 1)); // 11/18 = 0.6111
    expect(r2.level).toBe('medium');
  });

  it('scores R5 high, R8 insufficient and R10 medium as computed by hand', async () => {
    const body = (await get(profileUrl(world.wave.id, world.school.id), world.schoolTeam)).json();
    // R5: associations "yes" 0, plan "no" 1, all 3 teachers without lesson visits 1, talks never/rarely 2 of 2: 1.
    const r5 = factor(body, 'R5');
    expect(r5.indicators.map((i) => i.risk)).toEqual([0, 1, 1, 1]);
    expect(r5.indicators[3].n).toBe(6);
    expectClose(r5.score, (0 + 1 + 1 + 1) / 4);
    expect(r5.level).toBe('high');
    // R8: three student indicators are missing, so 2 of 5 weights are present: coverage 0.4 < 0.5.
    const r8 = factor(body, 'R8');
    expectClose(r8.coverage, 2 / 5);
    expect(r8).toMatchObject({ score: null, level: 'insufficient' });
    const byId = Object.fromEntries(r8.indicators.map((i) => [i.id, i]));
    // s_safe: "never", "always", "mostly" answered; "dont_know" is not an answer.
    expect(byId['R8.unsafe']).toMatchObject({ n: null, missing: 'role-not-reportable' });
    // discipline "often" for 1 of 2 teachers who answered (three times over).
    expect(byId['R8.discipline']).toMatchObject({ n: 6, value: 0.5, risk: 0.5 });
    // parents rated the atmosphere 5 and 4 ("dont_know" dropped): mean 4.5 on 5 → 1: (4.5 − 5) / (1 − 5) = 0.125.
    expect(byId['R8.parent_atmosphere']).toMatchObject({ n: 6, value: 4.5, risk: 0.125 });
    // R10: meetings never/rarely 2/3; follow studies 0 of 2; no talk 1/3; teachers rate involvement 2, 3, 1 → mean 2 → (2 − 5) / (1 − 5) = 0.75.
    const r10 = factor(body, 'R10');
    expectClose(r10.coverage, 4 / 5);
    expectClose(r10.score, (2 / 3 + 0 + 1 / 3 + 0.75) / 4); // 0.4375
    expect(r10.level).toBe('medium');
    // R3: the principal left p_low_vpr_teachers_share empty.
    expect(factor(body, 'R3').indicators[3]).toMatchObject({ id: 'R3.low_vpr_teachers', n: 0, missing: 'no-answers' });
  });

  it('gives R1 and R10 their intervals as computed by hand (docs/methodology.md §8)', async () => {
    const body = (await get(profileUrl(world.wave.id, world.school.id), world.schoolTeam)).json() as SchoolProfileBody;
    const r1 = factor(body, 'R1');
    const [internet, projectors, equipment, teacherPc, studentPc] = r1.indicators;
    // The principal is the whole roster of one: exact.
    expect([internet.se, projectors.se]).toEqual([0, 0]);
    // Equipment 4, 2 thrice: n 6 of 12, sum 18, sumSq 60, s² = (60 − 6·3²) / 5 = 1.2, se = sqrt(1.2/6 · (1 − 6/12)) = sqrt(0.1).
    expectClose(equipment.se, Math.sqrt(0.1));
    // PC access 6 of 9 of 12: s² = (6 − 9·(2/3)²) / 8 = 0.25, se = sqrt(0.25/9 · (1 − 9/12)) = 1/12.
    expectClose(teacherPc.se, 1 / 12);
    expect(studentPc.se).toBeNull();
    // Risk sds: equipment sqrt(0.1) · 1/4 (scale 5 → 1), PC access 1/12; four weights of 1:
    // se = 1/4 · sqrt(0.1/16 + 1/144) ≈ 0.0287168, interval 0.591667 ∓ 1.2816·se = [0.554863, 0.628470]: medium throughout.
    const r1Se = 0.25 * Math.sqrt(0.1 / 16 + 1 / 144);
    expectClose(r1.interval!.se, r1Se);
    expectClose(r1.interval!.low, (0.6 + 0.6 + 0.5 + 2 / 3) / 4 - 1.2816 * r1Se);
    expect(r1.interval!.low).toBeCloseTo(0.554863, 6);
    expect(r1.interval!.high).toBeCloseTo(0.62847, 6);
    expect(r1).toMatchObject({ level: 'medium', borderline: false });
    // R10: meetings and class-teacher talk 6 and 3 of 9 parents of 30: s² 0.25 both, se = sqrt(0.25/9 · 0.7) ≈ 0.139443;
    // following studies 0 of 6: no spread, se 0; teachers' rating 2, 3, 1 thrice: s² = (42 − 9·4) / 8 = 0.75,
    // se = sqrt(0.75/9 · 0.25), its risk sd a quarter of that. se = 1/4 · sqrt(2·0.25/9·0.7 + 0.75/9·0.25/16) ≈ 0.0501193.
    const r10 = factor(body, 'R10');
    expect(r10.indicators.map((i) => i.se === 0)).toEqual([false, true, false, false, false]);
    const r10Se = 0.25 * Math.sqrt((2 * 0.25 * 0.7) / 9 + (0.75 * 0.25) / 9 / 16);
    expectClose(r10.interval!.se, r10Se);
    expect(r10.interval!.low).toBeCloseTo(0.373267, 6);
    expect(r10.interval!.high).toBeCloseTo(0.501733, 6);
    expect(r10).toMatchObject({ level: 'medium', borderline: false });
    // R8 is insufficient: no interval.
    expect(factor(body, 'R8')).toMatchObject({ interval: null, borderline: false });
  });

  it('lists the profiles of the region for its coordinator, schools without responses included', async () => {
    const res = await get(`/api/waves/${world.wave.id}/profiles`, world.regionCoordinator);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.wave.id).toBe(world.wave.id);
    expect(body.model.id).toBe(world.model.id);
    const ids = body.profiles.map((p: { school: { id: number } }) => p.school.id);
    expect(ids.sort()).toEqual([world.school.id, world.neighbour.id, world.farSchool.id].sort());
    const single = (await get(profileUrl(world.wave.id, world.school.id), world.regionCoordinator)).json();
    const listed = body.profiles.find((p: { school: { id: number } }) => p.school.id === world.school.id);
    expect(listed).toEqual({ school: single.school, roles: single.roles, refused: single.refused, factors: single.factors });
    const silent = body.profiles.find((p: { school: { id: number } }) => p.school.id === world.neighbour.id);
    expect(silent.roles.teacher).toEqual({ expected: 10, responses: 0, rate: 0, reportable: false });
    expect(silent.factors.every((f: { level: string }) => f.level === 'insufficient')).toBe(true);
  });

  it('narrows the list to the municipality of a municipal coordinator', async () => {
    const body = (await get(`/api/waves/${world.wave.id}/profiles`, world.otherMunicipality)).json();
    expect(body.profiles.map((p: { school: { id: number } }) => p.school.id)).toEqual([world.farSchool.id]);
  });

  it('answers 401 without a session and 403 outside the caller’s territory', async () => {
    expect((await get(profileUrl(world.wave.id, world.school.id))).statusCode).toBe(401);
    expect((await get(`/api/waves/${world.wave.id}/profiles`)).statusCode).toBe(401);
    const neighbour = await get(profileUrl(world.wave.id, world.neighbour.id), world.schoolTeam);
    expect(neighbour.statusCode).toBe(403);
    expect(neighbour.json().code).toBe('out_of_scope');
    expect((await get(profileUrl(world.wave.id, world.school.id), world.otherMunicipality)).statusCode).toBe(403);
    // The list is for coordinators; a school team reads its own profile.
    expect((await get(`/api/waves/${world.wave.id}/profiles`, world.schoolTeam)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown wave or school and for a school outside the wave’s region', async () => {
    expect((await get(profileUrl(999_999, world.school.id), world.admin)).statusCode).toBe(404);
    expect((await get(profileUrl(world.wave.id, 999_999), world.admin)).statusCode).toBe(404);
    const elsewhere = await get(profileUrl(world.wave.id, world.elsewhere.id), world.admin);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().code).toBe('school_not_in_wave');
    expect((await get(`/api/waves/999999/profiles`, world.admin)).statusCode).toBe(404);
  });

  it('keeps an old wave’s profile when the model file is edited under a new id', async () => {
    const url = profileUrl(world.wave.id, world.school.id);
    const before = (await get(url, world.admin)).json();
    // An edited copy of the v1 model: "slow" internet now weighs 0.9 and the levels are lower.
    const dir = await mkdtemp(join(tmpdir(), 'risk-model-'));
    try {
      const edited = JSON.parse(await readFile(V1_MODEL_FILE, 'utf8'));
      edited.id = `500plus-edited-${kind}`;
      edited.levels = { medium: 0.1, high: 0.2 };
      edited.factors[0].indicators[0].risk.slow = 0.9;
      await writeFile(join(dir, 'risk-model.json'), JSON.stringify(edited));
      for (const file of ['principal.json', 'teacher.json', 'student.json', 'parent.json', 'counting.json'])
        await copyFile(join(V1_DIR, file), join(dir, file));
      await storeRealModel(db, dir); // what start-up does with the edited file
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await get(url, world.admin)).json()).toEqual(before);

    // A new wave pinned to the edited model is scored with it.
    const next = await newWave(db, world.region.id, { modelId: `500plus-edited-${kind}` });
    await respond(t.app, db, next.id, world.school.id, 'principal', [PRINCIPAL]);
    const after = (await get(profileUrl(next.id, world.school.id), world.admin)).json();
    expect(after.model.id).toBe(`500plus-edited-${kind}`);
    expect(factor(after, 'R1').indicators[0]).toMatchObject({ value: 0.9, risk: 0.9 });
    expect(factor(before, 'R1').indicators[0]).toMatchObject({ value: 0.6, risk: 0.6 });
  });
});
