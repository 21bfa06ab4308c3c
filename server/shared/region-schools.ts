import type { Db } from '../db/connect.js';
import type { Principal } from '../auth/principal.js';
import { onlySchoolsInScope } from '../auth/scope.js';

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

/** Ids of the schools of a region that the caller may see. */
export function schoolIdsInScope(db: Db, regionId: number, principal: Principal) {
  return onlySchoolsInScope(schoolsOfRegion(db, regionId).select('schools.id'), principal);
}
