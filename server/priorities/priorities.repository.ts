import type { Db } from '../db/connect.js';

export interface SchoolPriorities {
  factorIds: string[];
  chosenAt: Date | null;
}

/** The factors a school works on after a wave, in the team's order. */
export async function findPriorities(db: Db, waveId: number, schoolId: number): Promise<SchoolPriorities> {
  const rows = await db
    .selectFrom('school_priorities')
    .select(['factor_id', 'chosen_at'])
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .orderBy('position')
    .execute();
  return { factorIds: rows.map((r) => r.factor_id), chosenAt: rows[0]?.chosen_at ?? null };
}

/** Every school's priorities of a wave among `schoolIds`: school id → factor ids in order. */
export async function prioritiesOfSchools(db: Db, waveId: number, schoolIds: number[]): Promise<Map<number, string[]>> {
  const bySchool = new Map<number, string[]>();
  if (schoolIds.length === 0) return bySchool;
  const rows = await db
    .selectFrom('school_priorities')
    .select(['school_id', 'factor_id'])
    .where('wave_id', '=', waveId)
    .where('school_id', 'in', schoolIds)
    .orderBy('school_id')
    .orderBy('position')
    .execute();
  for (const row of rows) bySchool.set(row.school_id, [...(bySchool.get(row.school_id) ?? []), row.factor_id]);
  return bySchool;
}

/**
 * Replaces a school's priorities of a wave. Locks the school's row first: two saves of the same team
 * then run one after the other, and the second replaces the first instead of colliding with it.
 */
export async function replacePriorities(trx: Db, waveId: number, schoolId: number, factorIds: string[], userId: number) {
  await trx.selectFrom('schools').select('id').where('id', '=', schoolId).forUpdate().executeTakeFirstOrThrow();
  const before = await findPriorities(trx, waveId, schoolId);
  await trx.deleteFrom('school_priorities').where('wave_id', '=', waveId).where('school_id', '=', schoolId).execute();
  if (factorIds.length > 0) {
    await trx
      .insertInto('school_priorities')
      .values(factorIds.map((factorId, i) => ({ wave_id: waveId, school_id: schoolId, position: i + 1, factor_id: factorId, chosen_by: userId })))
      .execute();
  }
  return before.factorIds;
}
