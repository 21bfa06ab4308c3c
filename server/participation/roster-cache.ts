import type { Db } from '../db/connect.js';
import type { Role } from '../shared/roles.js';
import { sortSchools } from '../shared/rules/school-names.js';
import { freezeRosterIfStarted, rosterExpected, rosterRefused, schoolsOfWave, type RosterWave } from '../territory/wave-roster.js';

export interface RosterSchool {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
  municipalityName: string;
  /** The roster's expected respondents, before refusals. */
  expected: Record<Role, number>;
  /** Respondents who refused (migration 0025): the target is measured against expected − refused. */
  refused: Record<Role, number>;
}

/**
 * A wave's schools by municipality and school name. Sorted here, not by the database: a Russian collation
 * sorts 3,000 names in PostgreSQL slower than the rest of the query takes, and the database's own collation
 * (often C) need not be Russian at all.
 */
async function readRoster(db: Db, wave: RosterWave): Promise<RosterSchool[]> {
  await freezeRosterIfStarted(db, wave);
  const rows = await schoolsOfWave(db, wave).execute();
  sortSchools(rows, (r) => ({ municipality: r.municipality_name, name: r.name, id: r.id }));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    municipalityId: r.municipality_id,
    municipalityName: r.municipality_name,
    expected: rosterExpected(r),
    refused: rosterRefused(r),
  }));
}

/** A wave as the cache reads it: what its roster is, and the versions that move when it changes. */
export type CachedWave = RosterWave & {
  /** Moved by every correction of the wave's frozen roster (migration 0013). */
  roster_version: number;
  /** Moved by every change to the region's schools (migration 0009): their names, and all a wave not frozen yet reads. */
  region_roster_version: string;
};

/** Waves whose rosters are kept: the ones being watched now, with room to spare; the oldest read goes first. */
const MAX_WAVES = 32;

/**
 * Each wave's sorted roster, kept while it stays frozen or not and its versions stay the same: the region's (any
 * change to its schools, whose names a frozen wave still shows as they are now) and the wave's own (a correction of
 * its frozen counts). The live dashboard then reads only the counters: the roster of 3,000 schools took longer to
 * read and sort than everything else together. A version read before the roster can only be older than it, so a
 * change in between costs one more read, never a stale answer.
 */
export class RosterCache {
  private readonly waves = new Map<number, { version: string; schools: Promise<RosterSchool[]> }>();

  schools(db: Db, wave: CachedWave): Promise<RosterSchool[]> {
    const version = `${wave.roster_frozen_at?.getTime() ?? 'live'} ${wave.roster_version} ${wave.region_roster_version}`;
    const cached = this.waves.get(wave.id);
    if (cached?.version === version) return cached.schools;
    const schools = readRoster(db, wave);
    this.waves.delete(wave.id);
    if (this.waves.size >= MAX_WAVES) this.waves.delete(this.waves.keys().next().value!);
    this.waves.set(wave.id, { version, schools });
    // A failed read is not kept: the next request tries again.
    schools.catch(() => this.waves.get(wave.id)?.schools === schools && this.waves.delete(wave.id));
    return schools;
  }
}
