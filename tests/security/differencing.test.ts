import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import type { RiskModel } from '../../server/scoring/model.js';
import type { Role } from '../../server/shared/roles.js';
import { isAnonymous, MIN_GROUP } from '../../server/shared/rules/min-group.js';
import { addAnswers } from '../explanations/world.js';
import { honestSubmission, phoneAddress } from '../helpers/answers.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { closeWave, newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { storeRealModel, V1_DIR } from '../profiles/world.js';

/**
 * The "done when" (docs/methodology.md §6): a school team or a coordinator who reads every view after
 * every single answer of an anonymous role learns none of the answers by differencing two readings, and after
 * the close every figure rests on at least five answers.
 */

/** The teacher questions the real model scores, with the choices of surveys/teacher.json. */
const TEACHER_CHOICES: Record<string, Array<string | number>> = {
  t_equipment: [1, 2, 3, 4, 5],
  t_pc_access: ['yes', 'no_internet', 'no'],
  t_load: ['rate_up_to_1', 'rate_1_to_1_5', 'rate_over_1_5'],
  t_outside_diploma: ['yes', 'no'],
  t_pd_subject: ['yes', 'no'],
  t_mixed_confidence: [1, 2, 3, 4, 5],
  t_use_results: ['often', 'sometimes', 'rarely', 'never'],
  t_diff_tasks: ['often', 'sometimes', 'rarely', 'never'],
  t_individual_work: ['regularly', 'sometimes', 'no', 'no_lagging_students'],
  t_lesson_visits: ['yes', 'no'],
  t_method_talks: ['often', 'sometimes', 'rarely', 'never'],
  t_language_difficulty: ['often', 'sometimes', 'rarely', 'no_such_students'],
  t_discipline: ['often', 'sometimes', 'rarely', 'never'],
  t_ovz_training: ['yes', 'no'],
  t_parent_involvement: [1, 2, 3, 4, 5],
};

/**
 * Teacher number `i`: varied answers, some questions left empty, and every fifth question answered only by odd
 * numbers, so that some indicators of seven teachers stay below five answers.
 */
function teacher(i: number): Record<string, unknown> {
  const skips = (q: number) => (i + q) % 4 === 0 || (q % 5 === 0 && i % 2 === 0);
  return Object.fromEntries(
    Object.entries(TEACHER_CHOICES).flatMap(([question, choices], q) => (skips(q) ? [] : [[question, choices[(i * 7 + q * 3) % choices.length]]])),
  );
}

const PRINCIPAL = {
  p_internet: 'slow',
  p_projector_share: 40,
  p_teachers_total: 40,
  p_vacancies: 2,
  p_students_total: 500,
  p_method_assoc: 'yes',
  p_pd_plan: 'no',
};
const TEACHERS = 7;

/** One reading of one view: its status and its body (JSON as text; a spreadsheet as its bytes in base64). */
interface Reading {
  status: number;
  body: string;
}
type Snapshot = Map<string, Reading>;

/** Keys whose numbers are participation (live by design) or the model's own constants, not answer-derived. */
const NOT_FIGURES = new Set([
  'id',
  'waveId',
  'schoolId',
  'target',
  'minN',
  'minRate',
  'weight',
  'best',
  'worst',
  'expected',
  'responses',
  'rate',
  'opensAt',
  'closesAt',
  'releasesAt',
]);

/** Every answer-derived leaf of a JSON body, by its path: scores, levels, values, risks, n, counts. */
function figures(json: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(json)) json.forEach((x, i) => figures(x, `${path}[${i}]`, out));
  else if (json !== null && typeof json === 'object') {
    for (const [key, value] of Object.entries(json)) if (!NOT_FIGURES.has(key) && key !== 'roles') figures(value, `${path}.${key}`, out);
  } else out.set(path, json);
  return out;
}

/** Every object of a body that names an anonymous role and a count: the indicators of profiles and explanations. */
function anonymousIndicators(json: unknown, out: Array<Record<string, unknown>> = []) {
  if (Array.isArray(json)) json.forEach((x) => anonymousIndicators(x, out));
  else if (json !== null && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (typeof o.role === 'string' && isAnonymous(o.role) && 'n' in o) out.push(o);
    Object.values(o).forEach((x) => anonymousIndicators(x, out));
  }
  return out;
}

/**
 * The attack: two consecutive readings of the same view, one answer apart. Every figure that differs between
 * them is information about that one answer; an indicator shown with its value and n in both gives the answer
 * itself (sum after − sum before). Returns how many such recoveries the readings allow.
 */
function recoverByDifferencing(readings: Snapshot[]): number {
  let recovered = 0;
  for (let k = 1; k < readings.length; k++) {
    for (const [url, after] of readings[k]!) {
      const before = readings[k - 1]!.get(url);
      if (!before || before.status !== 200 || after.status !== 200 || url.endsWith('.xlsx')) continue;
      if (url.endsWith('.csv')) {
        const rows = (body: string) => body.split('\r\n').filter((l) => !l.startsWith('Дата выгрузки'));
        const [a, b] = [rows(before.body), rows(after.body)];
        recovered += a.filter((line, i) => line !== b[i]).length;
        continue;
      }
      const [a, b] = [figures(JSON.parse(before.body)), figures(JSON.parse(after.body))];
      for (const [path, value] of b) if (a.has(path) && a.get(path) !== value) recovered += 1;
    }
  }
  return recovered;
}

describe.each(TEST_DATABASES)('differencing attack on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let model: RiskModel;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    model = await storeRealModel(db, V1_DIR);
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    const roster = { principal: 1, teacher: 8, student: 100, parent: 90 };
    const a = await newSchool(db, municipality.id, roster, 'Школа А');
    // B: four teachers at a rate of 4/5; C: the same principal and no teachers at all.
    const b = await newSchool(db, municipality.id, { ...roster, teacher: 5 }, 'Школа Б');
    const c = await newSchool(db, municipality.id, { ...roster, teacher: 5 }, 'Школа В');
    const earlier = await newWave(db, region.id, { modelId: model.id, opensInDays: -60, closesInDays: -30, title: 'Весна' });
    await addAnswers(db, earlier.id, a.id, 'principal', [PRINCIPAL]);
    await addAnswers(
      db,
      earlier.id,
      a.id,
      'teacher',
      Array.from({ length: 6 }, (_, i) => teacher(i + 20)),
    );
    const wave = await newWave(db, region.id, { modelId: model.id, opensInDays: -1, closesInDays: 10, title: 'Осень' });
    const readers = {
      team: await newLoggedInAccount(t.app, db, { role: 'school', schoolId: a.id }),
      municipal: await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: municipality.id }),
      regional: await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id }),
      admin: await newLoggedInAccount(t.app, db, { role: 'admin' }),
    };
    return { region, municipality, a, b, c, earlier, wave, readers };
  }

  beforeAll(async () => {
    t = await openTestApp(kind);
    db = t.database.db;
    world = await buildWorld();
  });
  afterAll(() => t?.close());

  /** Every view of figures a reader may open about the wave, school A first. */
  function views(who: keyof typeof world.readers): string[] {
    const { wave, earlier, a } = world;
    const school = [
      `/api/waves/${wave.id}/schools/${a.id}/profile`,
      `/api/waves/${wave.id}/schools/${a.id}/explanations`,
      ...model.factors.map((f) => `/api/waves/${wave.id}/schools/${a.id}/factors/${f.id}/explanation`),
      `/api/schools/${a.id}/dynamics?from=${earlier.id}&to=${wave.id}`,
    ];
    if (who === 'team') return school;
    return [
      ...school,
      `/api/waves/${wave.id}/profiles`,
      `/api/waves/${wave.id}/region-picture`,
      `/api/waves/${earlier.id}/region-picture?compareTo=${wave.id}`,
      `/api/waves/${wave.id}/profiles.csv`,
      `/api/waves/${wave.id}/profiles.xlsx`,
      `/api/waves/${wave.id}/context/scatter?factor=${model.factors[0].id}&procedure=vpr&subject=x&grade=5`,
    ];
  }

  async function read(who: keyof typeof world.readers): Promise<Snapshot> {
    const snapshot: Snapshot = new Map();
    for (const url of views(who)) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: world.readers[who].cookie } });
      snapshot.set(url, { status: res.statusCode, body: url.endsWith('.xlsx') && res.statusCode === 200 ? res.rawPayload.toString('base64') : res.body });
    }
    return snapshot;
  }

  async function answer(schoolId: number, role: Role, answers: Record<string, unknown>) {
    const link = await newLink(db, world.wave.id, schoolId, role);
    return t.app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: await honestSubmission(db, link, answers),
      remoteAddress: phoneAddress(),
    });
  }

  const readers = ['team', 'municipal', 'regional'] as const;
  const open: Record<(typeof readers)[number] | 'admin', Snapshot[]> = { team: [], municipal: [], regional: [], admin: [] };
  const closed: Partial<Record<(typeof readers)[number] | 'admin', Snapshot>> = {};

  it('shows no figure of the open wave to a school team or a coordinator, however often they read', async () => {
    for (const [school, role, answers] of [
      [world.a.id, 'principal', PRINCIPAL],
      [world.b.id, 'principal', PRINCIPAL],
      [world.c.id, 'principal', PRINCIPAL],
      ...Array.from({ length: 4 }, (_, i) => [world.b.id, 'teacher', teacher(i + 40)] as const),
    ] as const) {
      expect((await answer(school, role, answers)).statusCode).toBe(201);
    }
    for (let i = 0; i <= TEACHERS; i++) {
      if (i > 0) expect((await answer(world.a.id, 'teacher', teacher(i))).statusCode).toBe(201);
      for (const who of [...readers, 'admin'] as const) open[who].push(await read(who));
    }

    const releasesAt = new Date(world.wave.closes_at).toISOString();
    for (const who of readers) {
      for (const [i, snapshot] of open[who].entries()) {
        for (const [url, reading] of snapshot) {
          const what = `${who} ${url} after ${i} answers`;
          if (url.endsWith('/profile')) {
            // The profile page keeps its live participation, and nothing else moves as answers arrive.
            expect(reading.status, what).toBe(200);
            expect(JSON.parse(reading.body), what).toMatchObject({ factors: [], releasesAt });
            expect(figures(JSON.parse(reading.body)), what).toEqual(figures(JSON.parse(open[who][0]!.get(url)!.body)));
            continue;
          }
          expect(reading.status, what).toBe(409);
          expect(JSON.parse(reading.body)).toMatchObject({ code: 'figures_not_released', details: { waveId: world.wave.id, releasesAt } });
          // Nothing in the answer moves as answers arrive.
          expect(reading.body, what).toBe(open[who][0]!.get(url)!.body);
        }
      }
      expect(recoverByDifferencing(open[who]), who).toBe(0);
    }
    // The attack is real: on the administrator's readings, who sees the open wave, it recovers answers.
    expect(recoverByDifferencing(open.admin)).toBeGreaterThan(0);

    // Participation stays live: the coordinator sees each answer arrive.
    const participation = await t.app.inject({
      method: 'GET',
      url: `/api/waves/${world.wave.id}/participation`,
      headers: { cookie: world.readers.regional.cookie },
    });
    expect(participation.statusCode).toBe(200);
    expect(participation.body).toContain(`"responses":${TEACHERS}`);
  });

  it('releases every figure at the close, each resting on at least five answers, and never changes it again', async () => {
    world.wave = await closeWave(db, world.wave.id);
    for (const who of [...readers, 'admin'] as const) closed[who] = await read(who);

    const truth = JSON.parse(closed.admin!.get(`/api/waves/${world.wave.id}/schools/${world.a.id}/profile`)!.body);
    const trueN = new Map<string, number>(truth.factors.flatMap((f: { indicators: Array<{ id: string; n: number }> }) => f.indicators.map((i) => [i.id, i.n])));
    // Some teacher indicators of school A have fewer than five answers: the rule has something to hold back.
    expect([...trueN.values()].some((n) => n > 0 && n < MIN_GROUP)).toBe(true);

    for (const who of readers) {
      for (const [url, reading] of closed[who]!) {
        expect(reading.status, `${who} ${url}`).toBe(200);
        if (url.endsWith('.csv') || url.endsWith('.xlsx')) continue;
        for (const indicator of anonymousIndicators(JSON.parse(reading.body))) {
          const what = `${who} ${url} ${String(indicator.id)}`;
          // A count is shown only from five up…
          expect(indicator.n === null || (indicator.n as number) >= MIN_GROUP, what).toBe(true);
          // …and a value, a risk or a breakdown only where at least five answered.
          const shown = indicator.value !== null || indicator.risk !== null || (indicator.distribution as { shown?: boolean } | undefined)?.shown === true;
          if (shown) expect(trueN.get(indicator.id as string), what).toBeGreaterThanOrEqual(MIN_GROUP);
        }
      }
    }

    // No answer after the release: the wave refuses it, and a later reading is the same.
    expect((await answer(world.a.id, 'teacher', teacher(99))).statusCode).toBe(409);
    for (const who of readers) {
      const again = await read(who);
      expect(recoverByDifferencing([closed[who]!, again]), who).toBe(0);
    }
  });

  it('shows nothing of a role that closed with four answers', async () => {
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: world.readers.municipal.cookie } });
      expect(res.statusCode, url).toBe(200);
      return res;
    };
    const profile = async (schoolId: number) => (await get(`/api/waves/${world.wave.id}/schools/${schoolId}/profile`)).json();
    const [b, c] = [await profile(world.b.id), await profile(world.c.id)];
    // Four teachers of five expected: a rate of 0.8, and still not a group.
    expect(b.roles.teacher).toEqual({ expected: 5, responses: 4, rate: 0.8, reportable: false });
    const teacherIndicators = b.factors
      .flatMap((f: { indicators: Array<{ role: string }> }) => f.indicators)
      .filter((i: { role: string }) => i.role === 'teacher');
    expect(teacherIndicators.length).toBeGreaterThan(0);
    for (const i of teacherIndicators) expect(i).toMatchObject({ value: null, risk: null, n: null, missing: 'role-not-reportable' });
    // Every figure of B is the figure of C, whose teachers never answered.
    expect(b.factors).toEqual(c.factors);

    const explained = async (schoolId: number) => (await get(`/api/waves/${world.wave.id}/schools/${schoolId}/explanations`)).json().factors;
    const withoutRoles = (factors: Array<Record<string, unknown>>) => factors.map(({ roles: _roles, ...rest }) => rest);
    expect(withoutRoles(await explained(world.b.id))).toEqual(withoutRoles(await explained(world.c.id)));

    const picture = (await get(`/api/waves/${world.wave.id}/region-picture`)).json();
    const cells = (schoolId: number) => picture.schools.find((s: { school: { id: number } }) => s.school.id === schoolId).cells;
    expect(cells(world.b.id)).toEqual(cells(world.c.id));

    const csv = (await get(`/api/waves/${world.wave.id}/profiles.csv`)).body.split('\r\n');
    const figuresOf = (code: string) =>
      csv
        .find((line) => line.startsWith(`${code};`))!
        .split(';')
        .slice(3);
    expect(figuresOf(world.b.code)).toEqual(figuresOf(world.c.code));
  });
});
