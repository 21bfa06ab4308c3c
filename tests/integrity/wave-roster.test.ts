import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../server/db/migrate.js';
import type { ParticipationReport } from '../../server/participation/participation.schemas.js';
import type { SchoolProfileBody } from '../../server/profiles/schemas.js';
import type { Role } from '../../server/shared/roles.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { csvFile, RU_HEADERS } from '../fixtures/roster/files.js';
import { addResponses, times } from '../participation/responses.js';

const MUNICIPALITY = 'Первый район';

// Every test has a region of its own, with two schools created before any of its waves (docs/methodology.md §7):
// S1 expects 1 principal, 10 teachers, 20 students, 10 parents; S2 1 principal, 8 teachers, 10 students, no parents.
// surveys/risk-model.json: minRate principal 1, teacher 0.5, student 0.5, parent 0.3; an anonymous role also needs 5.
describe.each(TEST_DATABASES)('a wave freezes its roster on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let worlds = 0;

  beforeAll(async () => {
    t = await openTestApp(kind);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  async function world() {
    const db = t.database.db;
    const region = await newRegion(db, `Область ${kind} ${++worlds}`);
    const municipality = await newMunicipality(db, region.id, MUNICIPALITY);
    const s1 = await newSchool(db, municipality.id, { principal: 1, teacher: 10, student: 20, parent: 10 }, 'Школа 1');
    const s2 = await newSchool(db, municipality.id, { principal: 1, teacher: 8, student: 10, parent: 0 }, 'Школа 2');
    const coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id });
    return { region, municipality, s1, s2, coordinator };
  }

  const get = (url: string, who: LoggedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const report = async (waveId: number, who: LoggedIn = admin) => {
    const res = await get(`/api/waves/${waveId}/participation`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ParticipationReport;
  };
  const profileRoles = async (waveId: number, schoolId: number, who: LoggedIn = admin) => {
    const res = await get(`/api/waves/${waveId}/schools/${schoolId}/profile`, who);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as SchoolProfileBody).roles;
  };
  const expected = (r: ParticipationReport, schoolId: number, role: Role) => r.schools.find((s) => s.id === schoolId)?.roles[role].expected;
  const correct = (waveId: number, body: object, who: LoggedIn = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${waveId}/expected`, headers: who.headers, payload: body });
  const frozenRoster = (waveId: number) => t.database.db.selectFrom('wave_rosters').selectAll().where('wave_id', '=', waveId).orderBy('school_id').execute();

  it('keeps a closed wave exactly as it was through a roster import, while a later planned wave reads the new counts', async () => {
    const { region, s1, s2, coordinator } = await world();
    const db = t.database.db;
    const closed = await newWave(db, region.id, { opensInDays: -20, closesInDays: -1 });
    await addResponses(db, closed.id, s1.id, 'principal', times(1));
    await addResponses(db, closed.id, s1.id, 'teacher', times(6));
    await addResponses(db, closed.id, s1.id, 'student', times(10));
    await addResponses(db, closed.id, s1.id, 'parent', times(3));
    await addResponses(db, closed.id, s2.id, 'principal', times(1));
    await addResponses(db, closed.id, s2.id, 'teacher', times(5));

    const exports = async () =>
      Promise.all(
        [`/api/waves/${closed.id}/participation.csv`, `/api/waves/${closed.id}/profiles.csv`].map(async (url) => {
          const res = await get(url, coordinator);
          expect(res.statusCode, res.body).toBe(200);
          // The moment of the export is written to the minute: two exports a second apart may straddle one.
          return res.body.replace(/^Дата выгрузки.*$/m, '');
        }),
      );
    const before = {
      report: await report(closed.id, coordinator),
      s1: await profileRoles(closed.id, s1.id, coordinator),
      s2: await profileRoles(closed.id, s2.id, coordinator),
      exports: await exports(),
    };
    // By hand: S1 teachers 6 / 10 = 0.6 and students 10 / 20 = 0.5 reach their 0.5, parents are 3 (fewer than 5);
    // S2 teachers 5 / 8 = 0.625.
    expect(before.s1.teacher).toMatchObject({ expected: 10, responses: 6, rate: 0.6, reportable: true });
    expect(before.s1.student).toMatchObject({ expected: 20, responses: 10, rate: 0.5, reportable: true });
    expect(before.s1.parent).toMatchObject({ expected: 10, responses: 3, rate: 0.3, reportable: false });
    expect(before.s2.teacher).toMatchObject({ expected: 8, responses: 5, rate: 0.625, reportable: true });
    expect(before.report.territory.roles.teacher).toMatchObject({ expected: 18, responses: 11 });

    // The import raises the counts so that, read live, S1's teachers (6 / 15 = 0.4), S1's students (10 / 25 = 0.4)
    // and S2's teachers (5 / 12 ≈ 0.42) would all fall below 0.5; and it adds a third school.
    const file = csvFile([
      RU_HEADERS,
      [region.name, MUNICIPALITY, s1.code, 'Школа 1', 1, 15, 25, 10],
      [region.name, MUNICIPALITY, s2.code, 'Школа 2', 1, 12, 10, 0],
      [region.name, MUNICIPALITY, `${s1.code}-3`, 'Школа 3', 1, 5, 5, 5],
    ]);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/admin/roster?filename=schools.csv',
      payload: file,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const s3 = await db.selectFrom('schools').select('id').where('code', '=', `${s1.code}-3`).executeTakeFirstOrThrow();

    const after = await report(closed.id, coordinator);
    expect({ ...after, generatedAt: before.report.generatedAt }).toEqual(before.report);
    expect(await profileRoles(closed.id, s1.id, coordinator)).toEqual(before.s1);
    expect(await profileRoles(closed.id, s2.id, coordinator)).toEqual(before.s2);
    expect(await exports()).toEqual(before.exports);
    expect((await get(`/api/waves/${closed.id}/schools/${s3.id}/profile`, coordinator)).json().code).toBe('school_not_in_wave');

    const planned = await newWave(db, region.id, { opensInDays: 2, closesInDays: 20 });
    const next = await report(planned.id, coordinator);
    expect(expected(next, s1.id, 'teacher')).toBe(15);
    expect(expected(next, s1.id, 'student')).toBe(25);
    expect(expected(next, s2.id, 'teacher')).toBe(12);
    expect(expected(next, s3.id, 'teacher')).toBe(5);
    expect(next.territory.roles.teacher.expected).toBe(32);
  });

  it('freezes an open wave before a plain SQL edit of the schools, which then changes only the waves to come', async () => {
    const { region, municipality, s1 } = await world();
    const db = t.database.db;
    const open = await newWave(db, region.id, { opensInDays: -1, closesInDays: 10 });
    const planned = await newWave(db, region.id, { opensInDays: 3, closesInDays: 20 });
    // Nothing has read either wave yet: the trigger is what freezes the open one.
    expect(await frozenRoster(open.id)).toEqual([]);

    await sql`update schools set expected_teacher = 40 where id = ${s1.id}`.execute(db);
    const late = await newSchool(db, municipality.id, { teacher: 7 }, 'Школа поздняя');

    const frozen = await frozenRoster(open.id);
    expect(frozen.find((r) => r.school_id === s1.id)).toMatchObject({ expected_principal: 1, expected_teacher: 10, expected_student: 20, expected_parent: 10 });
    expect(frozen.map((r) => r.school_id)).not.toContain(late.id);
    expect(await frozenRoster(planned.id)).toEqual([]);

    const openReport = await report(open.id);
    expect(expected(openReport, s1.id, 'teacher')).toBe(10);
    expect(openReport.schools.map((s) => s.id)).not.toContain(late.id);
    const plannedReport = await report(planned.id);
    expect(expected(plannedReport, s1.id, 'teacher')).toBe(40);
    expect(expected(plannedReport, late.id, 'teacher')).toBe(7);
  });

  it('lets an administrator correct one school × role of a started wave: that figure alone changes, audited', async () => {
    const { region, municipality, s1, s2, coordinator } = await world();
    const db = t.database.db;
    const open = await newWave(db, region.id, { opensInDays: -1, closesInDays: 10 });
    const planned = await newWave(db, region.id, { opensInDays: 3, closesInDays: 20 });
    // Every link the wave needs exists, so that a correction has only codes left to issue.
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/waves/${open.id}/links/sync`, headers: admin.headers })).statusCode).toBe(200);
    await addResponses(db, open.id, s1.id, 'teacher', times(6));
    const before = await report(open.id);
    expect((await profileRoles(open.id, s1.id)).teacher).toMatchObject({ expected: 10, responses: 6, rate: 0.6, reportable: true });

    const res = await correct(open.id, { schoolId: s1.id, role: 'teacher', expected: 13 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ waveId: open.id, schoolId: s1.id, role: 'teacher', previous: 10, expected: 13, linksCreated: 0 });

    // The participation view read this wave's roster before; it reads it again at once.
    const after = await report(open.id);
    const s1Before = before.schools.find((s) => s.id === s1.id)!;
    const s1After = after.schools.find((s) => s.id === s1.id)!;
    // By hand, at the 0.9 target: the teachers needed 9 − 6 = 3 more and now need 12 − 6 = 6.
    expect(s1After.roles.teacher).toMatchObject({ expected: 13, responses: 6, rate: 6 / 13, needed: 6 });
    expect(s1Before.roles.teacher).toMatchObject({ expected: 10, responses: 6, rate: 0.6, needed: 3 });
    expect({ ...s1After, needed: s1After.needed - 3, roles: { ...s1After.roles, teacher: s1Before.roles.teacher } }).toEqual(s1Before);
    expect(after.schools.find((s) => s.id === s2.id)).toEqual(before.schools.find((s) => s.id === s2.id));
    expect(after.territory.roles.teacher.expected).toBe(before.territory.roles.teacher.expected + 3);
    // 6 / 13 ≈ 0.46 is below the teachers' 0.5: the role is no longer reportable.
    expect((await profileRoles(open.id, s1.id)).teacher).toMatchObject({ expected: 13, responses: 6, rate: 6 / 13, reportable: false });
    expect(expected(await report(planned.id), s1.id, 'teacher')).toBe(10);
    expect((await db.selectFrom('schools').select('expected_teacher').where('id', '=', s1.id).executeTakeFirstOrThrow()).expected_teacher).toBe(10);

    const entries = await db
      .selectFrom('audit_log')
      .select(['user_id', 'entity', 'entity_id', 'details'])
      .where('action', '=', 'wave.expected_correct')
      .execute();
    expect(entries.filter((e) => e.entity_id === String(open.id))).toEqual([
      {
        user_id: expect.any(Number),
        entity: 'wave',
        entity_id: String(open.id),
        details: { schoolId: s1.id, role: 'teacher', from: 10, to: 13, linksCreated: 0 },
      },
    ]);

    // A role answering by single-use codes gets the codes a raised count needs.
    const access = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/waves/${open.id}/access`,
      headers: admin.headers,
      payload: { role: 'student', mode: 'codes' },
    });
    expect(access.json().created).toBe(20 + 10);
    expect((await correct(open.id, { schoolId: s1.id, role: 'student', expected: 22 })).json()).toMatchObject({ previous: 20, expected: 22, linksCreated: 2 });

    // Refused, each with its reason, and nothing changes.
    const otherRegion = await world();
    const late = await newSchool(db, municipality.id, {}, 'Школа поздняя');
    const refusals: Array<[number, object, number, string]> = [
      [open.id, { schoolId: 2_000_000_000, role: 'teacher', expected: 5 }, 400, 'unknown_school'],
      [open.id, { schoolId: otherRegion.s1.id, role: 'teacher', expected: 5 }, 400, 'school_of_another_region'],
      [open.id, { schoolId: s1.id, role: 'teacher', expected: -1 }, 400, 'expected_negative'],
      [open.id, { schoolId: s1.id, role: 'principal', expected: 2 }, 400, 'expected_principal_not_0_1'],
      [open.id, { schoolId: late.id, role: 'teacher', expected: 5 }, 409, 'school_not_in_wave_roster'],
      [planned.id, { schoolId: s1.id, role: 'teacher', expected: 5 }, 409, 'wave_not_started'],
      [2_000_000_000, { schoolId: s1.id, role: 'teacher', expected: 5 }, 404, 'wave_not_found'],
    ];
    for (const [waveId, body, status, code] of refusals) {
      const refused = await correct(waveId, body);
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json()).toMatchObject({ code, message: expect.any(String) });
    }
    const forbidden = await correct(open.id, { schoolId: s1.id, role: 'teacher', expected: 5 }, coordinator);
    expect(forbidden.statusCode).toBe(403);
    expect(expected(await report(open.id), s1.id, 'teacher')).toBe(13);
    expect(
      await db.selectFrom('audit_log').select('id').where('action', '=', 'wave.expected_correct').where('entity_id', '=', String(open.id)).execute(),
    ).toHaveLength(2);
  });
});

/** Reads migrations/ as the server's migrator does, so a test can stop at one of them. */
const folderMigrations: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.ts$/.test(f));
    const migrations: Record<string, Migration> = {};
    for (const file of files) migrations[file.replace(/\.ts$/, '')] = await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href);
    return migrations;
  },
};

describe.each(TEST_DATABASES)('migration 0013 on %s', (kind) => {
  it('freezes a wave that had already opened with the roster of that moment, and leaves a planned one to its opening', async () => {
    const database = await openTestDatabase(kind, { migrated: false });
    try {
      const db = database.db;
      const migrator = new Migrator({ db, provider: folderMigrations, migrationTableSchema: database.schema ?? undefined });
      const names = Object.keys(await folderMigrations.getMigrations()).sort();
      const before = names[names.indexOf('0013_wave_rosters') - 1]!;
      const { error } = await migrator.migrateTo(before);
      expect(error).toBeUndefined();

      const region = await newRegion(db);
      const municipality = await newMunicipality(db, region.id);
      const school = await newSchool(db, municipality.id, { principal: 1, teacher: 12, student: 30, parent: 25 });
      await db.insertInto('risk_models').values({ id: 'test-model', title: 'Модель', definition: '{}' }).execute();
      const started = await db
        .insertInto('waves')
        .values({
          region_id: region.id,
          title: 'Идёт',
          opens_at: new Date(Date.now() - 86_400_000),
          closes_at: new Date(Date.now() + 86_400_000),
          model_id: 'test-model',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const planned = await db
        .insertInto('waves')
        .values({
          region_id: region.id,
          title: 'Впереди',
          opens_at: new Date(Date.now() + 86_400_000),
          closes_at: new Date(Date.now() + 9 * 86_400_000),
          model_id: 'test-model',
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const roster = () => db.selectFrom('wave_rosters').selectAll().orderBy('wave_id').execute();
      expect(await roster()).toEqual([
        {
          wave_id: started.id,
          school_id: school.id,
          expected_principal: 1,
          expected_teacher: 12,
          expected_student: 30,
          expected_parent: 25,
          // Migration 0025: refusals recorded later start at none.
          refused_principal: 0,
          refused_teacher: 0,
          refused_student: 0,
          refused_parent: 0,
        },
      ]);
      const frozenAt = await db.selectFrom('waves').select(['id', 'roster_frozen_at']).orderBy('id').execute();
      expect(frozenAt).toEqual([
        { id: started.id, roster_frozen_at: expect.any(Date) },
        { id: planned.id, roster_frozen_at: null },
      ]);
      await sql`update schools set expected_teacher = 99`.execute(db);
      expect((await roster()).map((r) => r.expected_teacher)).toEqual([12]);
    } finally {
      await database.close();
    }
  });
});
