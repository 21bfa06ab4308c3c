import type { Db } from './connect.js';

/** Waves with their region's time zone (`WaveInRegion`): what any page that writes a wave's dates needs. */
export function wavesInRegion(db: Db) {
  return db.selectFrom('waves').innerJoin('regions', 'regions.id', 'waves.region_id').selectAll('waves').select('regions.time_zone');
}
