import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import type { Caller } from '../territory/scope.js';
import { waveProfiles } from './profiles.js';
import type { WaveProfiles } from './schemas.js';
import type { Level, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

/** Waves whose region scores are kept: the ones being read now, with room to spare; the oldest read goes first. */
const MAX_WAVES = 8;

/** Every school of a wave's region with each factor's score and level: what a view setting schools side by side reads. */
export interface RegionScores {
  wave: WaveTerms;
  profiles: Array<{ school: SchoolInMunicipality; factors: Array<{ id: string; title: string; score: number | null; level: Level }> }>;
}

/** Only the scores: a 3,000-school wave's whole profiles, indicators and all, are tens of megabytes. */
function scoresOf(profiles: WaveProfiles): RegionScores {
  return {
    wave: profiles.wave,
    profiles: profiles.profiles.map((p) => ({
      school: p.school,
      factors: p.factors.map((f) => ({ id: f.id, title: f.title, score: f.score, level: f.level })),
    })),
  };
}

/**
 * How long after its close a wave's answers are taken as settled. An answer accepted by a statement that began just
 * before the close commits a moment after it (docs/methodology.md §6); profiles read in that moment are not kept.
 */
const SETTLING = '5 minutes';

/**
 * The factor scores of every school of a wave's region, for views that set schools beside each other (comparisons,
 * the scatter). One instance serves them all (server/app.ts), so a wave is scored once. A settled wave's are kept while its versions hold: its figures (reviews and deletions after the
 * close, migration 0020), its frozen roster's corrections and its region's schools. The versions are read from the
 * database on every call, so every instance drops what another changed. A wave still open, or just closed, is
 * computed afresh each time.
 */
export class RegionProfilesCache {
  private readonly waves = new Map<number, { version: string; profiles: Promise<RegionScores> }>();

  async profiles(db: Db, wave: WaveInRegion): Promise<RegionScores> {
    const region: Caller = { role: 'region', regionId: wave.region_id, municipalityId: null, schoolId: null };
    const { rows } = await sql<{ settled: boolean; version: string }>`
      select w.closes_at + ${SETTLING}::interval <= now() as settled,
             concat_ws(' ', w.figures_version, w.roster_version, w.roster_frozen_at, r.roster_version) as version
      from waves w join regions r on r.id = w.region_id
      where w.id = ${wave.id}`.execute(db);
    const state = rows[0];
    if (!state?.settled) return scoresOf(await waveProfiles(db, wave, region));
    const cached = this.waves.get(wave.id);
    if (cached?.version === state.version) return cached.profiles;
    const profiles = waveProfiles(db, wave, region).then(scoresOf);
    this.waves.delete(wave.id);
    if (this.waves.size >= MAX_WAVES) this.waves.delete(this.waves.keys().next().value!);
    this.waves.set(wave.id, { version: state.version, profiles });
    // A failed read is not kept: the next request tries again.
    profiles.catch(() => this.waves.get(wave.id)?.profiles === profiles && this.waves.delete(wave.id));
    return profiles;
  }
}
