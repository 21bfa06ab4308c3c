import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { earlierFirst } from '../dynamics/wave-order.js';
import { wavesMeasuredAlike } from '../dynamics/waves-alike.js';
import { waveProfiles } from '../profiles/profiles.js';
import type { WaveProfilesBody } from '../profiles/schemas.js';
import { badRequest } from '../shared/errors.js';
import { assertWaveVisible } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import type { ComparedWaves } from './region-picture.js';

/**
 * The wave a coordinator holds `wave` against: 400 `same_wave` for the wave itself, 403 or 404 as for any wave the
 * caller may not see, 400 `different_region` for a wave of another region. Whether the figures of both are out is
 * the caller's to ask next (disclosure/release.ts), once every other refusal has had its say.
 */
export async function waveToCompare(db: Db, caller: Caller, wave: WaveInRegion, otherId: number): Promise<WaveInRegion> {
  if (otherId === wave.id) throw badRequest('same_wave', 'Compare two different waves: the other wave is the wave itself');
  const other = await assertWaveVisible(db, caller, otherId);
  if (other.region_id !== wave.region_id) throw badRequest('different_region', `Waves ${wave.id} and ${otherId} belong to different regions`);
  return other;
}

/**
 * Both waves' profiles of the schools the caller sees, the earlier first whichever was asked for first, with the
 * factors the two measure alike (docs/methodology.md §4). `current` is `wave`'s, read already by the caller.
 */
export async function comparedWaves(db: Db, caller: Caller, wave: WaveInRegion, current: WaveProfilesBody, other: WaveInRegion): Promise<ComparedWaves> {
  const previous = await waveProfiles(db, other, caller);
  const [earlierWave, laterWave] = earlierFirst(wave, other);
  const [earlier, later] = earlierWave === wave ? [current, previous] : [previous, current];
  return { earlier, later, measuredAlike: await wavesMeasuredAlike(db, earlierWave, laterWave) };
}
