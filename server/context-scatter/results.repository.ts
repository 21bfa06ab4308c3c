import type { Db } from '../db/connect.js';
import type { AssessmentProcedure, WaveInRegion } from '../db/schema.js';
import { dayOf } from '../shared/rules/zoned-days.js';
import type { Caller } from '../territory/scope.js';
import { schoolIdsInScope } from '../territory/schools.repository.js';

/** One result of the assessment procedures: which procedure, subject and grade. */
export interface ResultKey {
  procedure: AssessmentProcedure;
  subject: string;
  grade: number;
}

/** The order the school page lists procedures in: by the grade they are written in. */
const PROCEDURE_ORDER: Record<AssessmentProcedure, number> = { vpr: 0, oge: 1, ege: 2 };

/**
 * The results some school of the caller's territory in the wave's region has, each with its years, latest first; by
 * procedure, subject (sorted here, as the database's collation may not know Russian) and grade.
 */
export async function availableResults(db: Db, wave: WaveInRegion, caller: Caller) {
  const rows = await db
    .selectFrom('assessment_results')
    .select(['procedure', 'subject', 'grade', 'year'])
    .distinct()
    .where('school_id', 'in', schoolIdsInScope(db, wave.region_id, caller))
    .execute();
  const results = new Map<string, ResultKey & { years: number[] }>();
  for (const { year, ...key } of rows) {
    const id = JSON.stringify([key.procedure, key.subject, key.grade]);
    const entry = results.get(id) ?? results.set(id, { ...key, years: [] }).get(id)!;
    entry.years.push(year);
  }
  for (const entry of results.values()) entry.years.sort((a, b) => b - a);
  return [...results.values()].sort(
    (a, b) => PROCEDURE_ORDER[a.procedure] - PROCEDURE_ORDER[b.procedure] || a.subject.localeCompare(b.subject, 'ru') || a.grade - b.grade,
  );
}

/** The years in which some school of the caller's territory in the wave's region has the result. */
export async function yearsOfResult(db: Db, wave: WaveInRegion, caller: Caller, key: ResultKey): Promise<number[]> {
  const rows = await db
    .selectFrom('assessment_results')
    .select('year')
    .distinct()
    .where('school_id', 'in', schoolIdsInScope(db, wave.region_id, caller))
    .where('procedure', '=', key.procedure)
    .where('subject', '=', key.subject)
    .where('grade', '=', key.grade)
    .execute();
  return rows.map((r) => r.year);
}

/** The calendar year the wave opens in, in its region's time zone. */
export function waveYear(wave: Pick<WaveInRegion, 'opens_at' | 'time_zone'>): number {
  return Number(dayOf(wave.opens_at, wave.time_zone).slice(0, 4));
}

/** The latest of `years` not after the wave's year: the results a wave is read against are those known when it opened. */
export function defaultYear(years: readonly number[], wave: Pick<WaveInRegion, 'opens_at' | 'time_zone'>): number | null {
  const last = waveYear(wave);
  const before = years.filter((y) => y <= last);
  return before.length > 0 ? Math.max(...before) : null;
}

/** The result of each school of the caller's territory in the wave's region that has it in `year`. */
export function resultsOfYear(db: Db, wave: WaveInRegion, caller: Caller, key: ResultKey, year: number) {
  return db
    .selectFrom('assessment_results')
    .select(['school_id', 'mean_score', 'share_2'])
    .where('school_id', 'in', schoolIdsInScope(db, wave.region_id, caller))
    .where('year', '=', year)
    .where('procedure', '=', key.procedure)
    .where('subject', '=', key.subject)
    .where('grade', '=', key.grade)
    .execute();
}
