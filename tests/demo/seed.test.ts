import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, isDatabaseEmpty, findDemoLinks, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/demo/seed.js';
import { loadQuestionnaires, SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { storeMethodology } from '../../server/risk-models/versions.js';
import { validateAnswers } from '../../server/respond/validate-answers.js';
import { contentRefusal } from '../../server/respond/content-rules.js';
import { buildApp } from '../../server/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { isRole } from '../../server/shared/roles.js';
import { compareProfiles } from '../../server/dynamics/compare.js';
import { teamSchoolProfiles } from './team-school.js';
import { DEMO_TEAM_SCHOOL } from '../../server/demo/roster.js';
import { DEMO_CURATOR } from '../../server/demo/programmes.js';
import { wavesInRegion } from '../../server/db/waves-in-region.js';
import { waveProfiles } from '../../server/profiles/profiles.js';
import { stepFrom, type ProgrammeStep } from '../../server/programmes/lifecycle.js';
import { isOverdue } from '../../server/programmes/programme-view.js';
import { EVIDENCE_TYPES, kindOfName, sniffEvidence } from '../../server/programmes/evidence-type.js';
import { sha256Bytes } from '../../server/shared/hash.js';
import { dayOf } from '../../server/shared/rules/zoned-days.js';
import type { ProgrammeEventAction, ProgrammeState } from '../../server/shared/vocabulary.js';

const STEPS: Record<Exclude<ProgrammeEventAction, 'created'>, ProgrammeStep> = {
  submitted: 'submit',
  resubmitted: 'submit',
  returned: 'return',
  approved: 'approve',
};

describe(seedDemo.name, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const { model, questionnaires } = await storeMethodology(database.db, SURVEYS_DIR);
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db, model, questionnaires);
  });
  afterAll(() => database?.close());

  it('creates twelve schools in three municipalities with three waves and a link per school, role and wave', async () => {
    const db = database.db;
    expect(await isDatabaseEmpty(db)).toBe(false);
    expect(await db.selectFrom('municipalities').selectAll().execute()).toHaveLength(3);
    expect(await db.selectFrom('schools').selectAll().execute()).toHaveLength(12);
    const waves = await db.selectFrom('waves').selectAll().orderBy('opens_at').execute();
    expect(waves).toHaveLength(3);
    // The entry and the repeat wave have closed, so their profiles are released; the current one is open.
    expect(waves[0].closes_at.getTime()).toBeLessThan(Date.now());
    expect(waves[1].closes_at.getTime()).toBeLessThan(Date.now());
    expect(waves[2].opens_at.getTime()).toBeLessThan(Date.now());
    expect(waves[2].closes_at.getTime()).toBeGreaterThan(Date.now());
    expect(await db.selectFrom('links').selectAll().execute()).toHaveLength(12 * 4 * 3);
    expect(await findDemoLinks(db)).toHaveLength(4);
  });

  it('shows a read-only regional token on the tokens screen, whose secret nobody holds', async () => {
    const tokens = await database.db.selectFrom('service_tokens').selectAll().execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ permissions: ['participation:read', 'profiles:read'], municipality_id: null, revoked_at: null });
    expect(tokens[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has parents of every third school answer the current wave on paper, each answer from its own sheet', async () => {
    const paper = await database.db
      .selectFrom('responses')
      .innerJoin('paper_sheets', 'paper_sheets.id', 'responses.sheet_id')
      .select(['responses.school_id', 'responses.role', 'responses.link_id', 'paper_sheets.school_id as sheetSchool'])
      .where('responses.source', '=', 'paper')
      .execute();
    expect(paper.length).toBeGreaterThan(0);
    for (const row of paper) {
      expect(row).toMatchObject({ role: 'parent', link_id: null, sheetSchool: row.school_id });
      expect(row.school_id % 3).toBe(0);
    }
  });

  it('simulates responses that the respondent API would accept, within each school’s expected counts', async () => {
    const questionnaires = await loadQuestionnaires();
    const rows = await database.db
      .selectFrom('responses')
      .innerJoin('schools', 'schools.id', 'responses.school_id')
      .select([
        'responses.role',
        'responses.answers',
        'responses.school_id',
        'responses.wave_id',
        'schools.expected_parent',
        'schools.expected_student',
        'schools.expected_teacher',
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(5000);
    for (const row of rows) {
      expect(isRole(row.role)).toBe(true);
      expect(validateAnswers(questionnaires[row.role], row.answers)).toEqual([]);
      // Counted answers only: enough scored questions, parts within their totals (docs/methodology.md §7).
      expect(contentRefusal(questionnaires[row.role], row.answers)).toBeNull();
    }
    const perSchoolParents = new Map<string, number>();
    for (const row of rows.filter((r) => r.role === 'parent')) {
      const key = `${row.wave_id}/${row.school_id}`;
      perSchoolParents.set(key, (perSchoolParents.get(key) ?? 0) + 1);
    }
    for (const row of rows.filter((r) => r.role === 'parent')) {
      expect(perSchoolParents.get(`${row.wave_id}/${row.school_id}`)).toBeLessThanOrEqual(row.expected_parent);
    }
  });

  it("gives the school team's school a profile to explain: two high factors or more, some low, change both ways", async () => {
    const [entry, repeat] = await teamSchoolProfiles(database.db);
    const levels = (profile: typeof repeat) => profile.factors.map((f) => f.level);
    expect(levels(repeat).filter((l) => l === 'high').length).toBeGreaterThanOrEqual(2);
    expect(levels(repeat)).toContain('low');
    expect(levels(repeat)).not.toContain('insufficient');
    expect(levels(entry).filter((l) => l === 'high').length).toBeGreaterThanOrEqual(2);
    const changes = compareProfiles(entry.factors, repeat.factors).factors.map((f) => f.levelChange);
    expect(
      changes.some((c) => c !== null && c < 0),
      'a factor improves by a level',
    ).toBe(true);
    expect(
      changes.some((c) => c !== null && c > 0),
      'a factor worsens by a level',
    ).toBe(true);
  });

  it("shows the school team the repeat wave's profile and only the participation of the open wave", async () => {
    const app = await buildApp({ db: database.db, dbKind: 'pglite' });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'school@demo.local', password: DEMO_PASSWORD } });
      const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
      const me = login.json().user;
      const waves = await database.db.selectFrom('waves').select(['id', 'closes_at']).orderBy('opens_at').execute();
      const profile = async (waveId: number) =>
        (await app.inject({ method: 'GET', url: `/api/waves/${waveId}/schools/${me.schoolId}/profile`, headers: { cookie } })).json();
      expect((await profile(waves[1]!.id)).releasesAt).toBeNull();
      const current = await profile(waves[2]!.id);
      expect(current).toMatchObject({ factors: [], releasesAt: waves[2]!.closes_at.toISOString() });
      expect(current.roles.teacher.responses).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('gives every demo account a working login', async () => {
    const app = await buildApp({ db: database.db, dbKind: 'pglite' });
    for (const email of DEMO_ACCOUNTS) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
      expect(res.statusCode, email).toBe(200);
    }
    await app.close();
  });

  /** The demo's entry wave with its region's zone, and the school ids by roster code. */
  async function entryWave() {
    const db = database.db;
    const wave = await wavesInRegion(db).orderBy('waves.opens_at').executeTakeFirstOrThrow();
    const schools = new Map((await db.selectFrom('schools').select(['id', 'code']).execute()).map((s) => [s.code, s.id]));
    return { wave, schools, today: dayOf(new Date(), wave.time_zone) };
  }

  it("chooses each school's priorities of the entry wave, by its own team: its three highest risks", async () => {
    const db = database.db;
    const { wave } = await entryWave();
    const { profiles } = await waveProfiles(db, wave, { role: 'admin', regionId: null, municipalityId: null, schoolId: null });
    const rows = await db
      .selectFrom('school_priorities')
      .innerJoin('users', 'users.id', 'school_priorities.chosen_by')
      .select(['school_priorities.wave_id', 'school_priorities.school_id', 'school_priorities.factor_id', 'users.role', 'users.school_id as team_of'])
      .orderBy('school_priorities.school_id')
      .orderBy('school_priorities.position')
      .execute();
    expect(new Set(rows.map((r) => r.wave_id))).toEqual(new Set([wave.id]));
    expect(rows.every((r) => r.role === 'school' && r.team_of === r.school_id)).toBe(true);
    expect(profiles).toHaveLength(12);
    for (const profile of profiles) {
      const chosen = rows.filter((r) => r.school_id === profile.school.id).map((r) => r.factor_id);
      const risky = profile.factors.filter((f) => f.level === 'high' || f.level === 'medium').sort((a, b) => b.score! - a.score!);
      expect(chosen, profile.school.code).toEqual(risky.slice(0, 3).map((f) => f.id));
    }
    // The team school's are its three highest of all, the ones its team would tick (tests/e2e/school-profile.test.ts).
    const [entry] = await teamSchoolProfiles(db);
    const team = rows.filter((r) => r.school_id === entry.school.id).map((r) => r.factor_id);
    expect(team).toEqual(
      [...entry.factors]
        .sort((a, b) => b.score! - a.score!)
        .slice(0, 3)
        .map((f) => f.id),
    );
  });

  it('gives the region two curators: the demo one with the team school among its four, another with three others', async () => {
    const db = database.db;
    const { schools } = await entryWave();
    const curators = await db.selectFrom('users').select(['id', 'email', 'name', 'region_id']).where('role', '=', 'curator').orderBy('id').execute();
    expect(curators).toHaveLength(2);
    const region = await db.selectFrom('regions').select('id').executeTakeFirstOrThrow();
    expect(curators.every((c) => c.region_id === region.id)).toBe(true);
    const schoolsOf = async (id: number) =>
      (await db.selectFrom('curator_schools').select('school_id').where('curator_id', '=', id).orderBy('school_id').execute()).map((r) => r.school_id);
    const [demo, other] = curators;
    expect(demo).toMatchObject({ email: DEMO_CURATOR, name: 'Куратор (демо)' });
    const own = await schoolsOf(demo.id);
    expect(own).toHaveLength(4);
    expect(own).toContain(schools.get(DEMO_TEAM_SCHOOL.code));
    const others = await schoolsOf(other.id);
    expect(others).toHaveLength(3);
    expect(others.filter((id) => own.includes(id))).toEqual([]);

    const app = await buildApp({ db, dbKind: 'pglite' });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO_CURATOR, password: DEMO_PASSWORD } });
      expect(login.json().user).toMatchObject({ role: 'curator', curatedSchoolIds: own });
    } finally {
      await app.close();
    }
  });

  it('has programmes of the entry wave in every state, on priorities, with each step by the right person in order', async () => {
    const db = database.db;
    const { wave, schools } = await entryWave();
    const programmes = await db.selectFrom('programmes').select(['id', 'wave_id', 'school_id', 'factor_id', 'state', 'created_at']).execute();
    const count = (state: ProgrammeState) => programmes.filter((p) => p.state === state).length;
    expect({ draft: count('draft'), submitted: count('submitted'), returned: count('returned'), approved: count('approved') }).toEqual({
      draft: 4,
      submitted: 2,
      returned: 2,
      approved: 5,
    });
    const team = programmes.filter((p) => p.school_id === schools.get(DEMO_TEAM_SCHOOL.code));
    expect(team.map((p) => p.state)).toEqual(expect.arrayContaining(['approved', 'submitted']));
    expect(new Set(programmes.map((p) => p.school_id)).size, 'some schools have no programme yet').toBeLessThan(12);

    const priorities = await db.selectFrom('school_priorities').select(['school_id', 'factor_id']).execute();
    const users = new Map((await db.selectFrom('users').select(['id', 'role', 'school_id']).execute()).map((u) => [u.id, u]));
    const curated = await db.selectFrom('curator_schools').select(['curator_id', 'school_id']).execute();
    for (const p of programmes) {
      expect(p.wave_id).toBe(wave.id);
      expect(priorities).toContainEqual({ school_id: p.school_id, factor_id: p.factor_id });
      const events = await db.selectFrom('programme_events').select(['action', 'at', 'user_id']).where('programme_id', '=', p.id).orderBy('id').execute();
      expect(events[0].action).toBe('created');
      expect(events[0].at).toEqual(p.created_at);
      let state: ProgrammeState = 'draft';
      for (const [i, event] of events.entries()) {
        const user = users.get(event.user_id!)!;
        expect(event.at.getTime()).toBeLessThan(Date.now());
        if (i > 0) expect(event.at.getTime()).toBeGreaterThan(events[i - 1].at.getTime());
        if (event.action === 'created') continue;
        const step = STEPS[event.action];
        const next = stepFrom(state, step);
        expect(next?.event, `${event.action} from ${state}`).toBe(event.action);
        state = next!.to;
        if (step === 'submit') expect(user).toMatchObject({ role: 'school', school_id: p.school_id });
        else if (user.role === 'curator') expect(curated).toContainEqual({ curator_id: user.id, school_id: p.school_id });
        else expect(user.role).toBe('region');
      }
      expect(state).toBe(p.state);
    }
  });

  it('has measures done with files that are what they say, measures under way and some past their deadline', async () => {
    const db = database.db;
    const { today } = await entryWave();
    const measures = await db
      .selectFrom('programme_measures')
      .innerJoin('programmes', 'programmes.id', 'programme_measures.programme_id')
      .select(['programme_measures.id', 'programmes.state', 'status', sql<string>`to_char(deadline, 'YYYY-MM-DD')`.as('deadline')])
      .execute();
    const overdue = measures.filter((m) => isOverdue(m.status, m.deadline, today));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((m) => m.state === 'approved')).toBe(true);
    expect(measures.some((m) => m.status === 'in_progress')).toBe(true);
    // Two approved programmes are complete: every measure done.
    const programmes = await db.selectFrom('programmes').select('id').where('state', '=', 'approved').execute();
    let complete = 0;
    for (const { id } of programmes) {
      const statuses = (await db.selectFrom('programme_measures').select('status').where('programme_id', '=', id).execute()).map((m) => m.status);
      if (statuses.every((s) => s === 'done')) complete++;
    }
    expect(complete).toBe(2);

    const evidence = await db
      .selectFrom('measure_evidence')
      .innerJoin('programme_measures', 'programme_measures.id', 'measure_evidence.measure_id')
      .select(['filename', 'media_type', 'size', 'sha256', 'content', 'status'])
      .execute();
    expect(evidence.length).toBe(measures.filter((m) => m.status === 'done').length);
    const kinds = new Set<string>();
    for (const file of evidence) {
      const kind = sniffEvidence(file.content);
      expect(kind, file.filename).toBe(kindOfName(file.filename));
      expect(file).toMatchObject({ status: 'done', media_type: EVIDENCE_TYPES[kind!].mediaType, size: file.content.length, sha256: sha256Bytes(file.content) });
      kinds.add(kind!);
    }
    expect([...kinds].sort()).toEqual(['pdf', 'png']);
  });

  it('has remarks answered and remarks still open, a returned programme with one of each', async () => {
    const db = database.db;
    const remarks = await db
      .selectFrom('programme_remarks')
      .innerJoin('programmes', 'programmes.id', 'programme_remarks.programme_id')
      .select(['programmes.id', 'programmes.state', 'programme_remarks.answer'])
      .execute();
    const returned = remarks.filter((r) => r.state === 'returned');
    const answered = (id: number) => returned.filter((r) => r.id === id && r.answer !== null).length;
    const open = (id: number) => returned.filter((r) => r.id === id && r.answer === null).length;
    expect(returned.some((r) => answered(r.id) === 1 && open(r.id) === 1)).toBe(true);
  });

  it('has curator visits planned and made, a lesson observation noting each priority of its school', async () => {
    const db = database.db;
    const { wave, today } = await entryWave();
    const visits = await db
      .selectFrom('curator_visits')
      .select([
        'school_id',
        'kind',
        'protocol',
        'conclusions',
        sql<string>`to_char(planned_on, 'YYYY-MM-DD')`.as('planned_on'),
        sql<string | null>`to_char(made_on, 'YYYY-MM-DD')`.as('made_on'),
      ])
      .execute();
    const planned = visits.filter((v) => v.made_on === null);
    const made = visits.filter((v) => v.made_on !== null);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((v) => v.planned_on > today && v.conclusions === '')).toBe(true);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((v) => v.made_on! <= today && v.conclusions.length > 0)).toBe(true);
    const lesson = made.find((v) => v.kind === 'lesson_observation' && (v.protocol as { lessonClass?: string }).lessonClass === '7Б')!;
    expect(lesson.protocol).toMatchObject({ lessonClass: '7Б', subject: 'Математика' });
    const priorities = await db
      .selectFrom('school_priorities')
      .select('factor_id')
      .where('wave_id', '=', wave.id)
      .where('school_id', '=', lesson.school_id)
      .orderBy('position')
      .execute();
    expect((lesson.protocol as { observations: Array<{ factorId: string }> }).observations.map((o) => o.factorId)).toEqual(priorities.map((p) => p.factor_id));
  });

  it('shows every programme through the API, each measure aimed at something the wave’s model knows', async () => {
    const db = database.db;
    const { schools } = await entryWave();
    const app = await buildApp({ db, dbKind: 'pglite' });
    try {
      const session = async (email: string) => {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
        return `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
      };
      const region = await session('region@demo.local');
      for (const { id } of await db.selectFrom('programmes').select('id').execute()) {
        const res = await app.inject({ method: 'GET', url: `/api/programmes/${id}`, headers: { cookie: region } });
        expect(res.statusCode).toBe(200);
        for (const measure of res.json().measures) if (measure.target.kind !== 'external') expect(measure.targetTitle).not.toBe(measure.target.id);
      }
      // The team school's own screens: its approved programme, a file of a done measure to download, a measure overdue.
      const team = await session('school@demo.local');
      const entry = (await db.selectFrom('waves').select('id').orderBy('opens_at').executeTakeFirstOrThrow()).id;
      const list = await app.inject({
        method: 'GET',
        url: `/api/waves/${entry}/schools/${schools.get(DEMO_TEAM_SCHOOL.code)}/programmes`,
        headers: { cookie: team },
      });
      const approvedId = list.json().priorities.find((p: { state: string }) => p.state === 'approved').programmeId;
      const programme = (await app.inject({ method: 'GET', url: `/api/programmes/${approvedId}`, headers: { cookie: team } })).json();
      expect(programme.measures.some((m: { overdue: boolean }) => m.overdue)).toBe(true);
      const done = programme.measures.find((m: { status: string }) => m.status === 'done');
      const file = await app.inject({
        method: 'GET',
        url: `/api/programmes/${approvedId}/measures/${done.id}/evidence/${done.evidence[0].id}`,
        headers: { cookie: team },
      });
      expect(file.statusCode).toBe(200);
      expect(sniffEvidence(file.rawPayload)).toBe(kindOfName(done.evidence[0].filename));
    } finally {
      await app.close();
    }
  });
});
