import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool } from '../helpers/fixtures.js';

describe.each(TEST_DATABASES)("a school's context on %s", (kind) => {
  let t: TestApp;
  let school: { id: number; code: string; name: string };
  let sibling: { id: number };
  let team: LoggedIn;
  let region: LoggedIn;
  let otherRegion: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const r = await newRegion(db);
    const m = await newMunicipality(db, r.id);
    school = await newSchool(db, m.id);
    sibling = await newSchool(db, m.id);
    team = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: school.id });
    region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: r.id });
    otherRegion = await newLoggedInAccount(t.app, db, { role: 'region', regionId: (await newRegion(db)).id });

    // 2024 is missing from the indicators: 2025 is compared with 2023, the nearest earlier year there is.
    await db
      .insertInto('school_context')
      .values([
        { school_id: school.id, year: 2026, social_index: -0.35, settlement: 'rural', students: 1030 },
        { school_id: school.id, year: 2023, social_index: -0.5, settlement: 'rural', students: 990 },
        { school_id: school.id, year: 2025, social_index: -0.41, settlement: 'rural', students: null },
        { school_id: sibling.id, year: 2026, social_index: 1, settlement: 'urban', students: 500 },
      ])
      .execute();
    const result = (year: number, procedure: 'vpr' | 'oge' | 'ege', subject: string, grade: number, mean: number | null, shares: Array<number | null>) => ({
      school_id: school.id,
      year,
      procedure,
      subject,
      grade,
      participants: 40,
      mean_score: mean,
      share_2: shares[0],
      share_3: shares[1],
      share_4: shares[2],
      share_5: shares[3],
    });
    await db
      .insertInto('assessment_results')
      .values([
        result(2026, 'vpr', 'Математика', 5, 3.4, [14.3, 40.5, 33.3, 11.9]),
        result(2025, 'vpr', 'Математика', 5, 3.1, [21.6, 45, 27.1, 6.3]),
        result(2026, 'ege', 'Русский язык', 11, 61, [2.5, null, null, null]),
        result(2026, 'oge', 'Математика', 9, 3.3, [12, 50, 30, 8]),
        result(2025, 'oge', 'Математика', 9, null, [15, 50, 28, 7]),
        result(2026, 'vpr', 'Математика', 6, 3.2, [18, 45, 30, 7]),
      ])
      .execute();
  });
  afterAll(() => t?.close());

  const get = (headers: Record<string, string>, id = school.id) => t.app.inject({ method: 'GET', url: `/api/schools/${id}/context`, headers });

  it('gives each year with its change from the nearest earlier year, and results by procedure, subject and grade', async () => {
    const res = await get(team.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.school).toEqual({ id: school.id, code: school.code, name: school.name });
    expect(body.years).toEqual([
      { year: 2023, socialIndex: -0.5, settlement: 'rural', students: 990, previousYear: null, change: { socialIndex: null, students: null } },
      // −0.41 − (−0.5) = 0.09; students unknown in 2025, so no change either way.
      { year: 2025, socialIndex: -0.41, settlement: 'rural', students: null, previousYear: 2023, change: { socialIndex: 0.09, students: null } },
      // −0.35 − (−0.41) = 0.06
      { year: 2026, socialIndex: -0.35, settlement: 'rural', students: 1030, previousYear: 2025, change: { socialIndex: 0.06, students: null } },
    ]);
    expect(body.results.map((r: { procedure: string; subject: string; grade: number }) => `${r.procedure} ${r.subject} ${r.grade}`)).toEqual([
      'vpr Математика 5',
      'vpr Математика 6',
      'oge Математика 9',
      'ege Русский язык 11',
    ]);
    const vpr5 = body.results[0].years;
    expect(vpr5.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(vpr5[0]).toMatchObject({ previousYear: null, change: { meanScore: null, share2: null } });
    // 3.4 − 3.1 = 0.3; 14.3 − 21.6 = −7.3; 40.5 − 45 = −4.5; 33.3 − 27.1 = 6.2; 11.9 − 6.3 = 5.6
    expect(vpr5[1]).toEqual({
      year: 2026,
      participants: 40,
      meanScore: 3.4,
      share2: 14.3,
      share3: 40.5,
      share4: 33.3,
      share5: 11.9,
      previousYear: 2025,
      change: { participants: 0, meanScore: 0.3, share2: -7.3, share3: -4.5, share4: 6.2, share5: 5.6 },
    });
    // The 2025 ОГЭ mean is unknown: no change of the mean, the shares' still (12 − 15 = −3).
    expect(body.results[2].years[1].change).toEqual({ participants: 0, meanScore: null, share2: -3, share3: 0, share4: 2, share5: 1 });
    expect(body.results[3].years).toEqual([expect.objectContaining({ year: 2026, share2: 2.5, share3: null, previousYear: null })]);
  });

  it('answers an empty context for a school without figures', async () => {
    const admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    const bare = await newSchool(t.database.db, (await newMunicipality(t.database.db, (await newRegion(t.database.db)).id)).id);
    expect((await get(admin.headers, bare.id)).json()).toMatchObject({ years: [], results: [] });
  });

  it("shows a school to its region, and neither another school's team nor another region", async () => {
    expect((await get(region.headers)).statusCode).toBe(200);
    expect((await get(region.headers, sibling.id)).json().years).toEqual([
      { year: 2026, socialIndex: 1, settlement: 'urban', students: 500, previousYear: null, change: { socialIndex: null, students: null } },
    ]);
    expect((await get(team.headers, sibling.id)).statusCode).toBe(403);
    expect((await get(otherRegion.headers)).statusCode).toBe(403);
    expect((await get(team.headers, 999999)).statusCode).toBe(404);
  });
});
