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
    // The entry wave has nothing preset: the team chooses its priorities itself.
    expect(await database.db.selectFrom('school_priorities').selectAll().execute()).toEqual([]);
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
});
