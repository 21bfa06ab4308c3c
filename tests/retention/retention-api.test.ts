import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention, RETENTION_LOCK } from '../../server/retention/apply.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ensureModel, newWave } from '../helpers/fixtures.js';
import { addAnswers, handWorld, HAND_MODEL, type HandWorld } from '../explanations/world.js';

/** The moment a report was made is the one thing that differs between two reads of the same figures. */
function withoutGeneratedAt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGeneratedAt);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === 'generatedAt' ? [] : [[k, withoutGeneratedAt(v)]])));
  }
  return value;
}

describe.each(TEST_DATABASES)('retention on %s', (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let teamA: LoggedIn;
  let region: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await handWorld(t.database.db);
    teamA = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
    region = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: w.region.id });
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const get = async (who: LoggedIn, url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return withoutGeneratedAt(res.json());
  };
  const setPeriods = (answersMonths: number, accountsDays = 30) =>
    t.app.inject({ method: 'PUT', url: '/api/admin/retention', headers: admin.headers, payload: { answersMonths, accountsDays } });
  const responsesOf = async (waveId: number) =>
    Number(
      (
        await t.database.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('wave_id', '=', waveId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const participationSums = async (waveId: number) =>
    (
      await sql<{ school_id: number; role: string; responses: number; held: number; excluded: number; marked_counted: number }>`
        select school_id, role, sum(responses)::int as responses, sum(held)::int as held, sum(excluded)::int as excluded,
               sum(marked_counted)::int as marked_counted
        from participation_counts where wave_id = ${waveId} group by school_id, role order by school_id, role`.execute(t.database.db)
    ).rows;

  /** Every school- and coordinator-facing view of the earlier wave, as the API serves it. */
  const views = async () => ({
    profile: await get(teamA, `/api/waves/${w.earlier.id}/schools/${w.a.id}/profile`),
    profileC: await get(region, `/api/waves/${w.earlier.id}/schools/${w.c.id}/profile`),
    profiles: await get(region, `/api/waves/${w.earlier.id}/profiles`),
    explanations: await get(teamA, `/api/waves/${w.earlier.id}/schools/${w.a.id}/explanations`),
    explanationsC: await get(region, `/api/waves/${w.earlier.id}/schools/${w.c.id}/explanations`),
    dynamics: await get(teamA, `/api/schools/${w.a.id}/dynamics?from=${w.earlier.id}&to=${w.later.id}`),
    trend: await get(teamA, `/api/schools/${w.a.id}/trend`),
    participation: await get(region, `/api/waves/${w.earlier.id}/participation`),
    comparisons: await get(teamA, `/api/waves/${w.earlier.id}/schools/${w.a.id}/comparisons`),
    picture: await get(region, `/api/waves/${w.later.id}/region-picture?compareTo=${w.earlier.id}`),
  });

  it('starts with the defaults: answers 12 months after the wave, disabled accounts 30 days, the audit at least a year', async () => {
    const body = await get(admin, '/api/admin/retention');
    expect(body).toMatchObject({ answersMonths: 12, accountsDays: 30, auditMonths: 12, lastRunAt: null });
    expect(body).toMatchObject({ bounds: { answersMonths: { min: 1, max: 36 }, accountsDays: { min: 1, max: 30 } } });
  });

  it('refuses periods outside the legal bounds with 422 and changes nothing', async () => {
    for (const [answers, accounts] of [
      [0, 30],
      [37, 30],
      [12, 0],
      [12, 31],
      [-5, 30],
    ]) {
      const res = await setPeriods(answers!, accounts);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('retention_out_of_bounds');
    }
    expect(await get(admin, '/api/admin/retention')).toMatchObject({ answersMonths: 12, accountsDays: 30 });
    const school = await t.app.inject({ method: 'PUT', url: '/api/admin/retention', headers: teamA.headers, payload: { answersMonths: 1, accountsDays: 30 } });
    expect(school.statusCode).toBe(403);
  });

  it('leaves a wave inside its period untouched', async () => {
    // Default 12 months: the earlier wave closed 90 days ago.
    const run = await applyRetention(t.database.db, kind);
    expect(run).toEqual({ waves: [], accountsAnonymised: null });
    expect(await responsesOf(w.earlier.id)).toBe(7);
  });

  it('deletes the answers of a wave past its period while every view of it stays identical', async () => {
    const before = await views();
    const participationBefore = await participationSums(w.earlier.id);
    // Hand-checked: school A of the earlier wave scores F1 = 1 (high), so the views compared are not empty.
    expect((before.profile as { factors: Array<{ id: string; score: number }> }).factors.find((f) => f.id === 'F1')!.score).toBe(1);
    expect(participationBefore).toEqual([
      { school_id: w.a.id, role: 'principal', responses: 1, held: 0, excluded: 0, marked_counted: 0 },
      { school_id: w.a.id, role: 'teacher', responses: 5, held: 0, excluded: 0, marked_counted: 0 },
      { school_id: w.c.id, role: 'principal', responses: 1, held: 0, excluded: 0, marked_counted: 0 },
    ]);

    expect((await setPeriods(1)).statusCode).toBe(200);
    const run = await t.app.inject({ method: 'POST', url: '/api/admin/retention/apply', headers: admin.headers });
    expect(run.statusCode).toBe(200);
    // The later wave closed a day ago: inside even a one-month period.
    expect(run.json()).toEqual({ waves: [{ id: w.earlier.id, title: 'Весна', answersDeleted: 7 }], accountsAnonymised: null });

    expect(await responsesOf(w.earlier.id)).toBe(0);
    expect(await responsesOf(w.later.id)).toBe(11);
    expect(await participationSums(w.earlier.id)).toEqual(participationBefore);
    expect(await views()).toEqual(before);

    const audited = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'retention.%').orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['retention.apply', 'retention.settings', 'retention.apply']);
    expect(audited[1]!.details).toEqual({ before: { answersMonths: 12, accountsDays: 30 }, after: { answersMonths: 1, accountsDays: 30 } });
    expect(audited[2]!.details).toMatchObject({ answersDeleted: 7, answersMonths: 1, waves: [{ id: w.earlier.id, answersDeleted: 7 }] });
    const page = (await get(admin, '/api/admin/retention')) as { waves: Array<{ id: number; answersPurgedAt: string | null }> };
    expect(page.waves.find((x) => x.id === w.earlier.id)!.answersPurgedAt).not.toBeNull();
    expect(page.waves.find((x) => x.id === w.later.id)!.answersPurgedAt).toBeNull();
  });

  it('keeps only the principal questions the model scores, and applies nothing twice', async () => {
    const quoted = await t.database.db.selectFrom('kept_principal_answers').select('answers').where('wave_id', '=', w.earlier.id).execute();
    expect(quoted.map((q) => q.answers)).toEqual([
      { p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 },
      { p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 },
    ]);
    // Counts of answers only for groups of five or more: school A's five teachers; not a principal, alone in a group.
    const groups = await t.database.db.selectFrom('kept_answer_counts').select(['school_id', 'role']).distinct().where('wave_id', '=', w.earlier.id).execute();
    expect(groups).toEqual([{ school_id: w.a.id, role: 'teacher' }]);
    const kept = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('kept_answer_counts')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('wave_id', '=', w.earlier.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const keptBefore = await kept();
    const before = await views();
    expect(await applyRetention(t.database.db, kind)).toEqual({ waves: [], accountsAnonymised: null });
    expect(await kept()).toBe(keptBefore);
    expect(await views()).toEqual(before);
  });

  it('keeps the purged wave’s count of answers, so its model cannot change under the kept figures', async () => {
    const detail = await get(admin, `/api/admin/waves/${w.earlier.id}`);
    expect(detail).toMatchObject({ responses: 7 });
    const otherModel = await ensureModel(t.database.db);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${w.earlier.id}`, headers: admin.headers, payload: { modelId: otherModel } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('wave_has_responses');
  });

  it('lets two runs at once apply a due wave exactly once', async () => {
    const old = await newWave(t.database.db, w.region.id, { modelId: HAND_MODEL.id, opensInDays: -80, closesInDays: -70, title: 'Старая' });
    await addAnswers(t.database.db, old.id, w.b.id, 'teacher', [{ t_pc_access: 'no' }, { t_pc_access: 'yes' }, { t_pc_access: 'no' }]);
    if (kind === 'postgresql') {
      // Another instance in the middle of its run holds the lock: this one gives way at once and touches nothing.
      await t.database.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${RETENTION_LOCK})`.execute(trx);
        expect(await applyRetention(t.database.db, kind)).toBeNull();
      });
      expect(await responsesOf(old.id)).toBe(3);
    }
    const runs = await Promise.all([applyRetention(t.database.db, kind), applyRetention(t.database.db, kind)]);
    const applied = runs.flatMap((r) => r?.waves ?? []);
    expect(applied).toEqual([{ id: old.id, title: 'Старая', answersDeleted: 3 }]);
    expect(await participationSums(old.id)).toEqual([{ school_id: w.b.id, role: 'teacher', responses: 3, held: 0, excluded: 0, marked_counted: 0 }]);
    const stats = await t.database.db.selectFrom('kept_school_stats').select('school_id').where('wave_id', '=', old.id).execute();
    expect(stats).toEqual([{ school_id: w.b.id }]);
  });

  it('deletes a closed wave entirely after its title is typed, keeps the audit, and refuses an open wave', async () => {
    const open = await newWave(t.database.db, w.region.id, { modelId: HAND_MODEL.id, title: 'Идёт сейчас' });
    const del = (waveId: number, confirmTitle: string, who = admin) =>
      t.app.inject({ method: 'DELETE', url: `/api/admin/waves/${waveId}`, headers: who.headers, payload: { confirmTitle } });

    const refused = await del(open.id, 'Идёт сейчас');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('wave_open');
    expect(await t.database.db.selectFrom('waves').select('id').where('id', '=', open.id).executeTakeFirst()).toBeDefined();

    const mistyped = await del(w.later.id, 'Осен');
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json().code).toBe('wave_title_mismatch');
    expect((await del(w.later.id, 'Осень', region)).statusCode).toBe(403);
    expect(await responsesOf(w.later.id)).toBe(11);

    const deleted = await del(w.later.id, 'Осень');
    expect(deleted.statusCode).toBe(200);
    // Later wave: A 5 teachers + 1 principal, B 4 teachers, C 1 principal; one open link per school × role answered.
    expect(deleted.json()).toEqual({ id: w.later.id, answersDeleted: 11, linksDeleted: 4 });

    // The purged earlier wave goes with its kept figures.
    expect((await del(w.earlier.id, 'Весна')).statusCode).toBe(200);
    for (const waveId of [w.later.id, w.earlier.id]) {
      for (const table of ['responses', 'links', 'participation_counts', 'kept_school_stats', 'kept_answer_counts', 'kept_principal_answers'] as const) {
        const { n } = await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('wave_id', '=', waveId)
          .executeTakeFirstOrThrow();
        expect(Number(n), `${table} of wave ${waveId}`).toBe(0);
      }
      expect(await t.database.db.selectFrom('waves').select('id').where('id', '=', waveId).executeTakeFirst()).toBeUndefined();
    }
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'details'])
      .where('action', '=', 'wave.delete')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'wave.delete', entity_id: String(w.later.id), details: { title: 'Осень', regionId: w.region.id, answersDeleted: 11, linksDeleted: 4 } },
      { action: 'wave.delete', entity_id: String(w.earlier.id), details: { title: 'Весна', regionId: w.region.id, answersDeleted: 0, linksDeleted: 3 } },
    ]);
    // The job's own record of the earlier wave stays too.
    const applied = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'retention.apply').execute();
    expect(applied.length).toBeGreaterThanOrEqual(3);
  });
});
