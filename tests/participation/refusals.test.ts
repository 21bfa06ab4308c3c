import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipationReport } from '../../server/participation/participation.schemas.js';
import type { SchoolProfileBody } from '../../server/profiles/schemas.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addResponses } from './responses.js';

const DAY = 86_400_000;

describe.each(TEST_DATABASES)('refusals recorded as counts on %s', (kind) => {
  let t: TestApp;
  let waveId: number;
  let schoolId: number;
  let otherSchoolId: number;
  let regionId: number;
  let team: Record<string, string>;
  let teamUserId: number;
  let otherTeam: Record<string, string>;
  let municipality: Record<string, string>;
  let curator: Record<string, string>;
  let admin: Record<string, string>;

  const record = (role: string, refused: unknown, headers = team, wave = waveId, school = schoolId) =>
    t.app.inject({ method: 'PUT', url: `/api/waves/${wave}/schools/${school}/refusals`, payload: { role, refused }, headers });
  const report = async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: municipality });
    expect(res.statusCode).toBe(200);
    return res.json<ParticipationReport>();
  };

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    regionId = region.id;
    const m = await newMunicipality(db, region.id);
    schoolId = (await newSchool(db, m.id, { principal: 1, teacher: 4, student: 10, parent: 10 })).id;
    otherSchoolId = (await newSchool(db, m.id, { parent: 5 })).id;
    waveId = (await newWave(db, region.id)).id;
    // 5 of 10 parents answered; one more answer is held for a coordinator's decision.
    await addResponses(db, waveId, schoolId, 'parent', [300, 300, 300, 300, 300]);
    await addResponses(db, waveId, schoolId, 'parent', [300], { marks: ['straightline'], counted: false });
    const teamLogin = await newLoggedInAccount(t.app, db, { role: 'school', schoolId });
    team = teamLogin.headers;
    teamUserId = (await db.selectFrom('users').select('id').where('email', '=', teamLogin.email).executeTakeFirstOrThrow()).id;
    otherTeam = (await newLoggedInAccount(t.app, db, { role: 'school', schoolId: otherSchoolId })).headers;
    municipality = (await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m.id })).headers;
    curator = (await newLoggedInAccount(t.app, db, { role: 'curator', regionId: region.id })).headers;
    admin = (await newLoggedInAccount(t.app, db, { role: 'admin' })).headers;
  });
  afterAll(() => t?.close());

  it('before any refusal measures parents against all 10 expected: 5/10, 4 short of 90 %', async () => {
    const parent = (await report()).schools.find((s) => s.id === schoolId)!.roles.parent;
    expect(parent).toMatchObject({ expected: 10, refused: 0, responses: 5, rate: 0.5, needed: 4, held: 1 });
  });

  it('takes 3 refusals off the expected count everywhere: 5/7, 2 short of 90 %, and audits who changed what', async () => {
    const res = await record('parent', 3);
    expect(res.statusCode).toBe(200);
    // 10 expected, 5 counted + 1 held answered: at most 4 refused.
    expect(res.json()).toEqual({ waveId, schoolId, role: 'parent', previous: 0, refused: 3, max: 4 });

    const r = await report();
    const parent = r.schools.find((s) => s.id === schoolId)!.roles.parent;
    // ceil(0.9 · 7) = 7 needed, 5 answered.
    expect(parent).toMatchObject({ expected: 10, refused: 3, responses: 5, needed: 2 });
    expect(parent.rate).toBeCloseTo(5 / 7, 12);
    // The area: 15 parents expected in the two schools, 3 refused, 5 answered.
    expect(r.territory.roles.parent).toMatchObject({ expected: 15, refused: 3, responses: 5 });
    expect(r.territory.roles.parent.rate).toBeCloseTo(5 / 12, 12);
    expect(r.territory.refused).toBe(3);

    const profile = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/schools/${schoolId}/profile`, headers: team });
    expect(profile.statusCode).toBe(200);
    const body = profile.json<SchoolProfileBody>();
    expect(body.roles.parent).toMatchObject({ expected: 7, responses: 5 });
    expect(body.roles.parent.rate).toBeCloseTo(5 / 7, 12);
    expect(body.refused).toEqual({ principal: 0, teacher: 0, student: 0, parent: 3 });

    const csv = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation.csv`, headers: municipality });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split(/\r?\n/);
    const header = lines.find((l) => l.includes('Родители: отказались'))!.split(';');
    const { code } = await t.database.db.selectFrom('schools').select('code').where('id', '=', schoolId).executeTakeFirstOrThrow();
    const row = lines.find((l) => l.split(';').includes(code))!.split(';');
    expect(row[header.indexOf('Родители: отказались')]).toBe('3');
    expect(row[header.indexOf('Родители: ответили')]).toBe('5');

    const audited = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.refusals_record').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.user_id).toBe(teamUserId);
    expect(audited[0]!.entity_id).toBe(String(schoolId));
    expect(audited[0]!.details).toEqual({ waveId, role: 'parent', from: 0, to: 3 });
  });

  it('caps refusals at expected − answered and refuses negative or malformed counts, changing nothing', async () => {
    const above = await record('parent', 5);
    expect(above.statusCode).toBe(400);
    expect(above.json()).toMatchObject({ code: 'refused_above_max' });
    const negative = await record('parent', -1);
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({ code: 'refused_negative' });
    expect((await record('parent', 1.5)).statusCode).toBe(400);
    expect((await record('janitor', 1)).statusCode).toBe(400);
    // A principal is one person: 1 expected, nobody answered, so 1 may refuse and 2 may not.
    expect((await record('principal', 2)).json()).toMatchObject({ code: 'refused_above_max' });
    const parent = (await report()).schools.find((s) => s.id === schoolId)!.roles.parent;
    expect(parent.refused).toBe(3);
    expect(await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.refusals_record').execute()).toHaveLength(1);
  });

  it('admits only the school team of its own school, coordinators of the territory and the administrator', async () => {
    const other = await record('parent', 1, otherTeam);
    expect(other.statusCode).toBe(403);
    expect((await record('parent', 1, curator)).statusCode).toBe(403);
    expect((await record('parent', 1, {})).statusCode).toBe(401);
    const byMunicipality = await record('teacher', 1, municipality);
    expect(byMunicipality.statusCode).toBe(200);
    const byAdmin = await record('teacher', 0, admin);
    expect(byAdmin.json()).toMatchObject({ previous: 1, refused: 0 });
    // A repeat of the same count writes nothing new to the audit log.
    await record('parent', 3);
    expect(await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.refusals_record').execute()).toHaveLength(3);
  });

  it('keeps an administrator from correcting the expected count below the refusals', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/waves/${waveId}/expected`,
      payload: { schoolId, role: 'parent', expected: 2 },
      headers: admin,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'expected_below_refused' });
  });

  it('records refusals from the opening until 7 days after the close, not before or later', async () => {
    const db = t.database.db;
    const planned = await newWave(db, regionId, { opensInDays: 2, closesInDays: 10 });
    expect((await record('parent', 1, team, planned.id)).json()).toMatchObject({ code: 'refusals_closed' });
    const justClosed = await newWave(db, regionId, { opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - 6 * DAY) });
    expect((await record('parent', 1, team, justClosed.id)).statusCode).toBe(200);
    const longClosed = await newWave(db, regionId, { opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - 8 * DAY) });
    const late = await record('parent', 1, team, longClosed.id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'refusals_closed' });
  });
});
