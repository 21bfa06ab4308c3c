import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Role } from '../shared/roles.js';
import { REFUSED_COLUMN } from '../territory/wave-roster.js';

/**
 * Those of the role who answered at the school: counted answers and answers held for a coordinator's decision. An
 * answer later excluded still came from somebody at the school, but from whom cannot be told, so it is not counted
 * as a person here either way: excluded answers are mostly scripted repeats.
 */
export async function answeredAt(db: Db, waveId: number, schoolId: number, role: Role): Promise<number> {
  const row = await db
    .selectFrom('participation_counts')
    .select(sql<number>`coalesce(sum(responses + held), 0)::int`.as('answered'))
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return row.answered;
}

/** Sets the count; the roster's trigger moves the wave's roster version, so every cached roster is read again. */
export async function setRefused(db: Db, waveId: number, schoolId: number, role: Role, refused: number): Promise<void> {
  await db
    .updateTable('wave_rosters')
    .set({ [REFUSED_COLUMN[role]]: refused })
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .execute();
}
