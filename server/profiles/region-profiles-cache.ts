import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import type { Caller } from '../territory/scope.js';
import { waveProfiles } from './profiles.js';
import type { WaveProfiles } from './schemas.js';

/** Waves whose whole-region profiles are kept: the ones being read now, with room to spare; the oldest read goes first. */
const MAX_WAVES = 16;

/**
 * How long after its close a wave's answers are taken as settled. An answer accepted by a statement that began just
 * before the close commits a moment after it (docs/methodology.md §6); profiles read in that moment are not kept.
 */
const SETTLING = '5 minutes';

/**
 * The profiles of every school of a wave's region, as computed (nothing hidden yet), for views that set one school
 * beside the others. A settled wave's are kept while its versions hold: its figures (reviews and deletions after the
 * close, migration 0020), its frozen roster's corrections and its region's schools. The versions are read from the
 * database on every call, so every instance drops what another changed. A wave still open, or just closed, is
 * computed afresh each time.
 */
export class RegionProfilesCache {
  private readonly waves = new Map<number, { version: string; profiles: Promise<WaveProfiles> }>();

  async profiles(db: Db, wave: WaveInRegion): Promise<WaveProfiles> {
    const region: Caller = { role: 'region', regionId: wave.region_id, municipalityId: null, schoolId: null };
    const { rows } = await sql<{ settled: boolean; version: string }>`
      select w.closes_at + ${SETTLING}::interval <= now() as settled,
             concat_ws(' ', w.figures_version, w.roster_version, w.roster_frozen_at, r.roster_version) as version
      from waves w join regions r on r.id = w.region_id
      where w.id = ${wave.id}`.execute(db);
    const state = rows[0];
    if (!state?.settled) return waveProfiles(db, wave, region);
    const cached = this.waves.get(wave.id);
    if (cached?.version === state.version) return cached.profiles;
    const profiles = waveProfiles(db, wave, region);
    this.waves.delete(wave.id);
    if (this.waves.size >= MAX_WAVES) this.waves.delete(this.waves.keys().next().value!);
    this.waves.set(wave.id, { version: state.version, profiles });
    // A failed read is not kept: the next request tries again.
    profiles.catch(() => this.waves.get(wave.id)?.profiles === profiles && this.waves.delete(wave.id));
    return profiles;
  }
}
