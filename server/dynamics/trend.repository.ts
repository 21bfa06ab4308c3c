import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { wavesInRegion } from '../db/waves-in-region.js';
import { findWaveSchool } from '../territory/wave-roster.js';

/**
 * The waves of a region that have opened (by the database clock) with the school on their roster, earliest first as
 * `earlierFirst` orders two, each with the school as that wave knows it. A planned wave has nothing to show yet.
 */
export async function startedWavesOfSchool(db: Db, regionId: number, schoolId: number) {
  const waves = await wavesInRegion(db)
    .where('waves.region_id', '=', regionId)
    .where(sql<boolean>`waves.opens_at <= now()`)
    .orderBy('waves.opens_at')
    .orderBy('waves.id')
    .execute();
  const withSchool = await Promise.all(waves.map(async (wave) => ({ wave, school: await findWaveSchool(db, wave, schoolId) })));
  return withSchool.flatMap(({ wave, school }) => (school ? [{ wave, school }] : []));
}
