import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Caller, Territory } from './scope.js';

/** The schools of a region, joined to their municipalities. */
export function schoolsOfRegion(db: Db, regionId: number) {
  return db.selectFrom('schools').innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id').where('municipalities.region_id', '=', regionId);
}

/**
 * Narrows a query that joins `schools` and `municipalities` to the schools the caller may see: the rule
 * of `inScope` in SQL. Listing routes use it, so a list never shows more than a single-school route would allow.
 */
export function onlySchoolsInScope<O>(
  query: SelectQueryBuilder<Database & { schools: Database['schools']; municipalities: Database['municipalities'] }, 'schools' | 'municipalities', O>,
  caller: Caller,
) {
  switch (caller.role) {
    case 'admin':
      return query;
    case 'region':
      return query.where('municipalities.region_id', '=', caller.regionId!);
    case 'municipality':
      return query.where('schools.municipality_id', '=', caller.municipalityId!);
    case 'school':
      return query.where('schools.id', '=', caller.schoolId!);
    case 'curator':
      return query.where('municipalities.region_id', '=', caller.regionId!).where('schools.id', 'in', [...(caller.curatedSchoolIds ?? []), 0]);
    // The security administrator reads the audit log, never a school.
    case 'security':
      return query.where('schools.id', '=', 0);
  }
}

/** Ids of the schools of a region that the caller may see. */
export function schoolIdsInScope(db: Db, regionId: number, caller: Caller) {
  return onlySchoolsInScope(schoolsOfRegion(db, regionId).select('schools.id'), caller);
}

export async function schoolTerritory(db: Db, schoolId: number): Promise<Territory | undefined> {
  const row = await db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .select(['schools.id', 'schools.municipality_id', 'municipalities.region_id'])
    .where('schools.id', '=', schoolId)
    .executeTakeFirst();
  return row && { schoolId: row.id, municipalityId: row.municipality_id, regionId: row.region_id };
}
