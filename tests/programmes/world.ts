import { createAccount } from '../../server/auth/accounts.js';
import type { Db } from '../../server/db/connect.js';
import { dayOf } from '../../server/shared/rules/zoned-days.js';
import type { MeasureStatus, ProgrammeState } from '../../server/shared/vocabulary.js';
import { addAnswers, HAND_MODEL, storeHandModel } from '../explanations/world.js';
import { newMunicipality, newProgramme, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

/** The region's zone: overdue is read on its day, not the server's. */
export const ZONE = 'Asia/Vladivostok';

const DAY = 24 * 3600 * 1000;

/** The day `n` days after `day` (before it for a negative `n`). */
export const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

// With teachers not answering, HAND_MODEL's F1 is the principal's alone: (internet + 2·vacancies) / 3, with se 0
// (tests/explanations/world.ts, school C). F2 and F3 have no data: insufficient in both waves.
/** F1 = (1 + 2·1) / 3 = 1: high. */
const F1_HIGH = { p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 };
/** F1 = (0 + 2·0) / 3 = 0: low. */
const F1_LOW = { p_internet: 'fast', p_vacancies: 0, p_teachers_total: 20 };

interface MeasurePlan {
  status: MeasureStatus;
  deadline: string;
  evidence: boolean;
}

/**
 * A programme in the given state with the given measures, from `newProgramme` (its measure becomes the first one);
 * its remark is answered unless `openRemark`.
 */
async function programme(
  db: Db,
  at: { waveId: number; schoolId: number; factorId: string },
  state: ProgrammeState,
  measures: MeasurePlan[],
  openRemark = false,
) {
  const created = await newProgramme(db, at.waveId, at.schoolId, at.factorId);
  await db.updateTable('programmes').set({ state }).where('id', '=', created.id).execute();
  const [first, ...more] = measures;
  await db.updateTable('programme_measures').set({ status: first.status, deadline: first.deadline }).where('id', '=', created.measureId).execute();
  if (!first.evidence) await db.deleteFrom('measure_evidence').where('id', '=', created.evidenceId).execute();
  for (const [i, m] of more.entries()) {
    const { id } = await db
      .insertInto('programme_measures')
      .values({
        programme_id: created.id,
        position: i + 1,
        action: 'Открытые уроки',
        deadline: m.deadline,
        responsible: 'Руководитель методического объединения',
        expected_result: 'Учителя видят приёмы в деле',
        target_kind: 'factor',
        target_ref: at.factorId,
        status: m.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (m.evidence) {
      const content = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
      await db
        .insertInto('measure_evidence')
        .values({ measure_id: id, filename: 'фото.jpg', media_type: 'image/jpeg', size: content.length, sha256: 'y', content })
        .execute();
    }
  }
  if (!openRemark) await db.updateTable('programme_remarks').set({ answer: 'Учли', answered_at: new Date() }).where('id', '=', created.remarkId).execute();
  return created.id;
}

let curators = 0;

/** A curator of the region, named, with the schools it is assigned to; nobody signs in as it. */
async function curator(db: Db, regionId: number, name: string, schoolIds: number[]) {
  const account = await createAccount(db, { email: `curator-${++curators}-${Date.now()}@test.local`, name, role: 'curator', regionId });
  if (schoolIds.length > 0)
    await db
      .insertInto('curator_schools')
      .values(schoolIds.map((school_id) => ({ curator_id: account.id, school_id })))
      .execute();
  return account.id;
}

/**
 * Five schools of a region in Vladivostok's zone, two waves of HAND_MODEL (both closed), and the programmes of the
 * earlier wave's priorities, every number worked out by hand in tests/programmes/monitoring.test.ts:
 *
 * | school | municipality | survey F1 earlier → later | earlier wave's priorities and programmes                           |
 * | А      | Северный     | high → low: positive      | F1, F3 approved; every measure done with evidence                  |
 * | Б      | Северный     | high → low: positive      | F1 approved, a measure done without evidence and one overdue; F3 none |
 * | В      | Северный     | high → high: no change    | F1 approved, done with evidence; a draft for F2, no longer a priority |
 * | Г      | Южный        | no answers: not compared  | no priorities                                                      |
 * | Д      | Южный        | high → high: no change    | F1 returned (remark open), F2 submitted with an overdue measure    |
 *
 * Curators: Иванова (А, Б, Г), Петров (Д), Сидорова (no school yet).
 */
export async function monitoringWorld(db: Db) {
  await storeHandModel(db);
  const region = await newRegion(db);
  await db.updateTable('regions').set({ time_zone: ZONE }).where('id', '=', region.id).execute();
  const north = await newMunicipality(db, region.id, 'Северный район');
  const south = await newMunicipality(db, region.id, 'Южный район');
  const expected = { principal: 1, teacher: 8, student: 100, parent: 90 };
  const a = await newSchool(db, north.id, expected, 'Школа А');
  const b = await newSchool(db, north.id, expected, 'Школа Б');
  const c = await newSchool(db, north.id, expected, 'Школа В');
  const d = await newSchool(db, south.id, expected, 'Школа Г');
  const e = await newSchool(db, south.id, expected, 'Школа Д');
  const earlier = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -120, closesInDays: -90, title: 'Входное анкетирование' });
  const later = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -30, closesInDays: -1, title: 'Повторное анкетирование' });

  for (const [school, before, after] of [
    [a, F1_HIGH, F1_LOW],
    [b, F1_HIGH, F1_LOW],
    [c, F1_HIGH, F1_HIGH],
    [e, F1_HIGH, F1_HIGH],
  ] as const) {
    await addAnswers(db, earlier.id, school.id, 'principal', [before]);
    await addAnswers(db, later.id, school.id, 'principal', [after]);
  }

  for (const [school, factorIds] of [
    [a, ['F1', 'F3']],
    [b, ['F1', 'F3']],
    [c, ['F1']],
    [e, ['F1', 'F2']],
  ] as const) {
    await db
      .insertInto('school_priorities')
      .values(factorIds.map((factor_id, i) => ({ wave_id: earlier.id, school_id: school.id, position: i + 1, factor_id })))
      .execute();
  }

  const today = dayOf(new Date(), ZONE);
  const at = (school: { id: number }, factorId: string) => ({ waveId: earlier.id, schoolId: school.id, factorId });
  const done = (daysAgo: number, evidence = true): MeasurePlan => ({ status: 'done', deadline: dayAfter(today, -daysAgo), evidence });
  await programme(db, at(a, 'F1'), 'approved', [done(60), done(30)]);
  await programme(db, at(a, 'F3'), 'approved', [done(20)]);
  await programme(db, at(b, 'F1'), 'approved', [done(40, false), { status: 'in_progress', deadline: dayAfter(today, -1), evidence: false }], true);
  await programme(db, at(c, 'F1'), 'approved', [done(10)]);
  await programme(db, at(c, 'F2'), 'draft', [{ status: 'planned', deadline: dayAfter(today, -3), evidence: false }]);
  // Due today: still in time on the region's day.
  await programme(db, at(e, 'F1'), 'returned', [{ status: 'planned', deadline: today, evidence: true }], true);
  await programme(db, at(e, 'F2'), 'submitted', [{ status: 'planned', deadline: dayAfter(today, -5), evidence: false }]);

  const ivanova = await curator(db, region.id, 'Иванова Мария Петровна', [a.id, b.id, d.id]);
  const petrov = await curator(db, region.id, 'Петров Олег Иванович', [e.id]);
  const sidorova = await curator(db, region.id, 'Сидорова Анна Сергеевна', []);
  const visit = (curatorId: number, school: { id: number }, plannedIn: number, madeIn: number | null) =>
    db
      .insertInto('curator_visits')
      .values({
        school_id: school.id,
        curator_id: curatorId,
        planned_on: dayAfter(today, plannedIn),
        made_on: madeIn === null ? null : dayAfter(today, madeIn),
        kind: 'consultation',
        purpose: 'Обсудить программу',
      })
      .execute();
  // The earlier wave opened 120 days ago: the visit of 200 days ago is of the year before and is not counted.
  await visit(ivanova, a, -200, -200);
  await visit(ivanova, a, -100, -99);
  await visit(ivanova, b, -10, null);
  await visit(ivanova, b, 0, null);
  await visit(ivanova, d, 10, null);
  await visit(petrov, e, -5, -5);

  return { region, north, south, a, b, c, d, e, earlier, later, today, curators: { ivanova, petrov, sidorova } };
}

export type MonitoringWorld = Awaited<ReturnType<typeof monitoringWorld>>;
