import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** How many parents refused at each of the demo's schools that have refusals: a few, as a school team reports them. */
const PARENTS_REFUSED = [3, 2, 1];

/**
 * Refusals in the open wave (docs/methodology.md §3), so the coordinator's table shows «отказались» beside some rates.
 * The team's own school has none: its team records them on its page. Capped as the route caps them: never more than
 * the parents who have not answered.
 */
export async function seedRefusals(db: Db, waveId: number, schoolIds: number[], teamSchoolId: number | undefined): Promise<void> {
  await sql`select freeze_wave_rosters(${waveId}::integer)`.execute(db);
  const chosen = schoolIds.filter((id) => id !== teamSchoolId).slice(-PARENTS_REFUSED.length);
  for (const [i, schoolId] of chosen.entries()) {
    await sql`
      update wave_rosters r
      set refused_parent = least(${PARENTS_REFUSED[i]}::integer, greatest(0, r.expected_parent - coalesce(
        (select sum(c.responses + c.held) from participation_counts c where c.wave_id = r.wave_id and c.school_id = r.school_id and c.role = 'parent'), 0)))
      where r.wave_id = ${waveId} and r.school_id = ${schoolId}`.execute(db);
  }
}
