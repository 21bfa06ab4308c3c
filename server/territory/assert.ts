import type { Db } from '../db/connect.js';
import { wavesInRegion } from '../db/waves-in-region.js';
import { ApiError, notFound } from '../shared/errors.js';
import { inScope, mayViewWavesOf, type Caller, type Territory } from './scope.js';
import { schoolTerritory } from './schools.repository.js';
import { findWaveSchool } from './wave-roster.js';

const outOfScope = () => new ApiError(403, 'out_of_scope', 'This is outside the territory of your account');

/** 404 for a school that does not exist, 403 for one outside the caller's territory. */
export async function assertSchoolInScope(db: Db, caller: Caller, schoolId: number): Promise<Territory> {
  const territory = await schoolTerritory(db, schoolId);
  if (!territory) throw notFound('school_not_found', `No school ${schoolId}`);
  if (!inScope(caller, territory)) throw outOfScope();
  return territory;
}

/**
 * 403 unless the caller may change the region's roster and waves: the administrator, or a service token of the region
 * (the only other caller such a route admits).
 */
export function assertRegionOfCaller(caller: Caller, regionId: number) {
  if (!inScope(caller, { regionId })) throw outOfScope();
}

/** 404 for a wave that does not exist, 403 for a wave of a region the caller does not see. Returns the wave row. */
export async function assertWaveVisible(db: Db, caller: Caller, waveId: number) {
  const wave = await wavesInRegion(db).where('waves.id', '=', waveId).executeTakeFirst();
  if (!wave) throw notFound('wave_not_found', `No wave ${waveId}`);
  if (!mayViewWavesOf(caller, wave.region_id)) throw outOfScope();
  return wave;
}

/**
 * The wave and the school a per-school route (profile, explanations, dynamics, priorities, reminder links)
 * is about, so they all check alike: 404 for an unknown wave or school, 403 outside the caller's territory,
 * 404 for a school of another region or one added after the wave opened.
 */
export async function schoolOfWave(db: Db, caller: Caller, waveId: number, schoolId: number) {
  const wave = await assertWaveVisible(db, caller, waveId);
  const territory = await assertSchoolInScope(db, caller, schoolId);
  const school = territory.regionId === wave.region_id ? await findWaveSchool(db, wave, schoolId) : undefined;
  if (!school)
    throw notFound('school_not_in_wave', `School ${schoolId} is not part of wave ${waveId}: it is of another region, or was added after the wave opened`);
  return { wave, school };
}
