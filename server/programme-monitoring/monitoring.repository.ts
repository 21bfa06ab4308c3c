import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * One array parameter instead of a list of thousands: a region's programmes number in the thousands, and binding and
 * planning `in ($1, …, $7700)` costs more than reading the rows.
 */
const anyOf = (ids: number[]) => sql<boolean>`= any(${ids}::int[])`;

/** The programmes of a wave of the given schools. */
export function programmesOfSchools(db: Db, waveId: number, schoolIds: number[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('programmes')
    .select(['id', 'school_id', 'factor_id', 'state'])
    .where('wave_id', '=', waveId)
    .where(sql<boolean>`school_id ${anyOf(schoolIds)}`)
    .orderBy('id')
    .execute();
}

/** Each measure of the programmes with what monitoring reads of it: status, deadline, and how many files of evidence. */
export function measureFacts(db: Db, programmeIds: number[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return (
    db
      .selectFrom('programme_measures as m')
      // Evidence is rare beside measures: counted once per measure that has any, not probed for each of thousands.
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('measure_evidence')
            .select(['measure_id', sql<number>`count(*)::int`.as('n')])
            .groupBy('measure_id')
            .as('e'),
        (join) => join.onRef('e.measure_id', '=', 'm.id'),
      )
      .select(['m.programme_id', 'm.status', sql<string>`to_char(m.deadline, 'YYYY-MM-DD')`.as('deadline'), sql<number>`coalesce(e.n, 0)`.as('evidence')])
      .where(sql<boolean>`m.programme_id ${anyOf(programmeIds)}`)
      .orderBy('m.programme_id')
      .orderBy('m.position')
      .execute()
  );
}

/** Remarks not answered yet, per programme. */
export async function openRemarks(db: Db, programmeIds: number[]): Promise<Map<number, number>> {
  if (programmeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('programme_remarks')
    .select(['programme_id', sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`programme_id ${anyOf(programmeIds)}`)
    .where('answer', 'is', null)
    .groupBy('programme_id')
    .execute();
  return new Map(rows.map((r) => [r.programme_id, r.n]));
}

/** The visits to the schools planned for `since` or later, whoever the curator. */
export function visitsSince(db: Db, schoolIds: number[], since: string) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('curator_visits')
    .select([
      'curator_id',
      'school_id',
      sql<string>`to_char(planned_on, 'YYYY-MM-DD')`.as('planned_on'),
      sql<string | null>`to_char(made_on, 'YYYY-MM-DD')`.as('made_on'),
    ])
    .where(sql<boolean>`school_id ${anyOf(schoolIds)}`)
    .where('planned_on', '>=', sql<Date>`${since}::date`)
    .execute();
}
