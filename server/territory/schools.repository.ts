import type { SelectQueryBuilder, Selection } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Caller, Territory } from './scope.js';

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
  }
}

/** Ids of the schools of a region that the caller may see. */
export function schoolIdsInScope(db: Db, regionId: number, caller: Caller) {
  return onlySchoolsInScope(schoolsOfRegion(db, regionId).select('schools.id'), caller);
}

/** The schools of a region that the caller may see, by municipality and school name. */
export async function listSchoolsInScope(db: Db, regionId: number, caller: Caller): Promise<WaveSchool[]> {
  const rows = await onlySchoolsInScope(schoolsOfRegion(db, regionId).select(SCHOOL_ROSTER_COLUMNS), caller)
    .orderBy('municipalities.name')
    .orderBy('schools.name')
    .orderBy('schools.id')
    .execute();
  return rows.map(toWaveSchool);
}

/** The school when it belongs to the region, else undefined. */
export async function findSchoolOfRegion(db: Db, regionId: number, schoolId: number): Promise<WaveSchool | undefined> {
  const row = await schoolsOfRegion(db, regionId).select(SCHOOL_ROSTER_COLUMNS).where('schools.id', '=', schoolId).executeTakeFirst();
  return row && toWaveSchool(row);
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

type RosterRow = Selection<Database, 'schools' | 'municipalities', (typeof SCHOOL_ROSTER_COLUMNS)[number]>;

function toWaveSchool(row: RosterRow) {
  return {
    ref: { id: row.id, code: row.code, name: row.name, municipality: { id: row.municipality_id, name: row.municipality_name } },
    expected: { principal: row.expected_principal, teacher: row.expected_teacher, student: row.expected_student, parent: row.expected_parent },
  };
}

/** A school of a wave's region as the per-school views use it: its reference and its expected respondents per role. */
export type WaveSchool = ReturnType<typeof toWaveSchool>;
