import type { Db } from '../../db/connect.js';
import { EXPECTED_COLUMN } from '../../links/links.repository.js';
import type { Role } from '../../shared/roles.js';

/** Whether the wave's roster has been frozen, by the row as it is now rather than as the caller read it. */
export async function isRosterFrozen(db: Db, waveId: number): Promise<boolean> {
  const row = await db.selectFrom('waves').select('roster_frozen_at').where('id', '=', waveId).executeTakeFirstOrThrow();
  return row.roster_frozen_at !== null;
}

/** The frozen expected count of one school × role of a wave; undefined when the school is not part of the wave. */
export async function frozenExpected(db: Db, waveId: number, schoolId: number, role: Role): Promise<number | undefined> {
  const row = await db
    .selectFrom('wave_rosters')
    .select(EXPECTED_COLUMN[role])
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return row?.[EXPECTED_COLUMN[role]];
}

/** Sets it; a trigger moves the wave's roster version, so the participation view reads the roster again. */
export async function setFrozenExpected(db: Db, waveId: number, schoolId: number, role: Role, expected: number): Promise<void> {
  await db
    .updateTable('wave_rosters')
    .set({ [EXPECTED_COLUMN[role]]: expected })
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .execute();
}
