import type { Db } from '../db/connect.js';
import type { Role } from '../shared/roles.js';
import { SCHOOL_ROSTER_COLUMNS, schoolsOfRegion } from '../territory/schools.repository.js';

export interface RosterSchool {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
  municipalityName: string;
  expected: Record<Role, number>;
}

/** Russian alphabetical order, with numbers by value: «Школа № 9» before «Школа № 10». */
const byName = new Intl.Collator('ru', { numeric: true });

/**
 * A region's schools by municipality and school name. Sorted here, not by the database: a Russian collation
 * sorts 3,000 names in PostgreSQL slower than the rest of the query takes, and the database's own collation
 * (often C) need not be Russian at all.
 */
async function readRoster(db: Db, regionId: number): Promise<RosterSchool[]> {
  const rows = await schoolsOfRegion(db, regionId).select(SCHOOL_ROSTER_COLUMNS).execute();
  const municipalityRank = new Map([...new Set(rows.map((r) => r.municipality_name))].sort(byName.compare).map((name, rank) => [name, rank]));
  rows.sort((a, b) => municipalityRank.get(a.municipality_name)! - municipalityRank.get(b.municipality_name)! || byName.compare(a.name, b.name) || a.id - b.id);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    municipalityId: r.municipality_id,
    municipalityName: r.municipality_name,
    expected: { principal: r.expected_principal, teacher: r.expected_teacher, student: r.expected_student, parent: r.expected_parent },
  }));
}

/**
 * Each region's sorted roster, kept while the region's roster version (migration 0009, moved by triggers on
 * schools and municipalities) stays the same. The live dashboard then reads only the counters: the roster of
 * 3,000 schools took longer to read and sort than everything else together. A version read before the
 * roster can only be older than it, so a change in between costs one more read, never a stale answer.
 */
export class RosterCache {
  private readonly regions = new Map<number, { version: string; schools: Promise<RosterSchool[]> }>();

  schools(db: Db, regionId: number, version: string): Promise<RosterSchool[]> {
    const cached = this.regions.get(regionId);
    if (cached?.version === version) return cached.schools;
    const schools = readRoster(db, regionId);
    this.regions.set(regionId, { version, schools });
    // A failed read is not kept: the next request tries again.
    schools.catch(() => this.regions.get(regionId)?.schools === schools && this.regions.delete(regionId));
    return schools;
  }
}
