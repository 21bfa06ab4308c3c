import type { Db } from '../db/connect.js';
import { collectStats } from '../scoring/engine.js';
import type { Answers, CollectedStats, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { inSchools, type SchoolSet } from './stats.sql.js';

/**
 * The plain path: fetch every answer and run the engine's `collectStats`. It is the reference the
 * SQL path is tested against; it moves every response to Node, so it is not for large territories.
 */
export async function collectStatsInMemory(db: Db, model: RiskModel, waveId: number, schools: SchoolSet): Promise<Map<number, CollectedStats>> {
  const rows = await db
    .selectFrom('responses')
    .select(['school_id', 'role', 'answers'])
    .where('wave_id', '=', waveId)
    .where('counted', '=', true)
    .where(inSchools(schools))
    .orderBy('id')
    .execute();
  const bySchool = new Map<number, Record<Role, Answers[]>>();
  for (const row of rows) {
    let responses = bySchool.get(row.school_id);
    if (!responses) bySchool.set(row.school_id, (responses = Object.fromEntries(ROLES.map((r) => [r, []])) as unknown as Record<Role, Answers[]>));
    responses[row.role].push(row.answers);
  }
  return new Map([...bySchool].map(([schoolId, responses]) => [schoolId, collectStats(model, responses)]));
}
