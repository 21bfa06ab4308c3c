import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CollectedStats } from '../scoring/model.js';
import { inSchools, type SchoolSet } from './stats.sql.js';

/**
 * A purged wave's scorer statistics per school (migration 0028), written by server/retention/keep-figures.ts before
 * its answers go; read back they are what `collectStatsSql` gave for the same wave, value for value.
 */

/**
 * JSON has no infinities: a sum of squares beyond a double's range (server/scoring/uncertainty.ts) is kept as text.
 * Every finite double goes through JSON and PostgreSQL's numeric unchanged (the shortest text that reads back as it).
 */
const encodeNumber = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const decodeNumber = (_key: string, value: unknown) => (value === 'Infinity' || value === '-Infinity' || value === 'NaN' ? Number(value) : value);

export async function keepSchoolStats(db: Db, waveId: number, stats: Map<number, CollectedStats>) {
  const rows = [...stats].map(([schoolId, s]) => ({ wave_id: waveId, school_id: schoolId, stats: JSON.stringify(s, encodeNumber) }));
  if (rows.length > 0) await db.insertInto('kept_school_stats').values(rows).execute();
}

export async function keptSchoolStats(db: Db, waveId: number, schools: SchoolSet): Promise<Map<number, CollectedStats>> {
  const { rows } = await sql<{ school_id: number; stats: string }>`
    select school_id, stats::text as stats from kept_school_stats where wave_id = ${waveId} and ${inSchools(schools)}`.execute(db);
  return new Map(rows.map((r) => [r.school_id, JSON.parse(r.stats, decodeNumber) as CollectedStats]));
}
