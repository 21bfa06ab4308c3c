import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, notFound } from '../shared/errors.js';
import { inScope, type Principal, type Territory } from './principal.js';

const outOfScope = () => new ApiError(403, 'out_of_scope', 'This is outside the territory of your account');

export async function schoolTerritory(db: Db, schoolId: number): Promise<Territory | undefined> {
  const row = await db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .select(['schools.id', 'schools.municipality_id', 'municipalities.region_id'])
    .where('schools.id', '=', schoolId)
    .executeTakeFirst();
  return row && { schoolId: row.id, municipalityId: row.municipality_id, regionId: row.region_id };
}

/** 404 for a school that does not exist, 403 for one outside the caller's territory. */
export async function assertSchoolInScope(db: Db, principal: Principal, schoolId: number): Promise<Territory> {
  const territory = await schoolTerritory(db, schoolId);
  if (!territory) throw notFound('school_not_found', `No school ${schoolId}`);
  if (!inScope(principal, territory)) throw outOfScope();
  return territory;
}

export async function assertMunicipalityInScope(db: Db, principal: Principal, municipalityId: number): Promise<Territory> {
  const row = await db.selectFrom('municipalities').select(['id', 'region_id']).where('id', '=', municipalityId).executeTakeFirst();
  if (!row) throw notFound('municipality_not_found', `No municipality ${municipalityId}`);
  const territory = { regionId: row.region_id, municipalityId: row.id };
  if (!inScope(principal, territory) && !(principal.role === 'school' && false)) throw outOfScope();
  return territory;
}

/**
 * A wave belongs to a region; everyone whose territory lies in that region may see it (a school team
 * sees its own school's numbers of its region's waves). Returns the wave row.
 */
export async function assertWaveVisible(db: Db, principal: Principal, waveId: number) {
  const wave = await db.selectFrom('waves').selectAll().where('id', '=', waveId).executeTakeFirst();
  if (!wave) throw notFound('wave_not_found', `No wave ${waveId}`);
  if (principal.role !== 'admin' && wave.region_id !== principal.regionId) throw outOfScope();
  return wave;
}

/**
 * Narrows a query that joins `schools` and `municipalities` to the schools the caller may see.
 * Listing routes use it, so a list never shows more than a single-school route would allow.
 */
export function onlySchoolsInScope<O>(
  query: SelectQueryBuilder<Database & { schools: Database['schools']; municipalities: Database['municipalities'] }, 'schools' | 'municipalities', O>,
  principal: Principal,
) {
  switch (principal.role) {
    case 'admin':
      return query;
    case 'region':
      return query.where('municipalities.region_id', '=', principal.regionId!);
    case 'municipality':
      return query.where('schools.municipality_id', '=', principal.municipalityId!);
    case 'school':
      return query.where('schools.id', '=', principal.schoolId!);
  }
}

export const neverMatches = sql<boolean>`false`;
