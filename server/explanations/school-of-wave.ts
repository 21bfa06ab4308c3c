import type { Principal } from '../auth/principal.js';
import { assertSchoolInScope, assertWaveVisible } from '../auth/scope.js';
import type { Db } from '../db/connect.js';
import { findSchoolOfRegion } from '../profiles/schools.repository.js';
import { notFound } from '../shared/errors.js';

/**
 * The wave and the school a per-school route (profile, explanations, dynamics, priorities) is about, so
 * they all check alike: 404 for an unknown wave or school, 403 outside the caller's territory, 404 for a
 * school of another region.
 */
export async function schoolOfWave(db: Db, principal: Principal, waveId: number, schoolId: number) {
  const wave = await assertWaveVisible(db, principal, waveId);
  const territory = await assertSchoolInScope(db, principal, schoolId);
  const school = territory.regionId === wave.region_id ? await findSchoolOfRegion(db, wave.region_id, schoolId) : undefined;
  if (!school) throw notFound('school_not_in_wave', `School ${schoolId} is not in the region of wave ${waveId}`);
  return { wave, school };
}
