import type { Db } from '../db/connect.js';

/** What every per-school view shows of a school: its names and its expected respondents per role. */
export const SCHOOL_ROSTER_COLUMNS = [
  'schools.id',
  'schools.code',
  'schools.name',
  'schools.municipality_id',
  'municipalities.name as municipality_name',
  'schools.expected_principal',
  'schools.expected_teacher',
  'schools.expected_student',
  'schools.expected_parent',
] as const;

/** The schools of a region, joined to their municipalities. */
export function schoolsOfRegion(db: Db, regionId: number) {
  return db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .where('municipalities.region_id', '=', regionId);
}
