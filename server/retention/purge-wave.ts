import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { keepFigures } from './keep-figures.js';

/**
 * Deletes a wave's raw answers after keeping what its views read (keep-figures.ts). Run inside the caller's
 * transaction, so a reader sees either the answers or the kept figures, never neither. The delete triggers subtract
 * the answers from the participation counters (migrations 0006, 0012): the counts read before are written back, as
 * one row per school × role, so participation stays what it was. Returns how many answers were deleted.
 */
export async function purgeWaveAnswers(trx: Db, wave: { id: number; model_id: string }): Promise<number> {
  await keepFigures(trx, wave);
  const counts = await trx
    .selectFrom('participation_counts')
    .select(['school_id', 'role'])
    .select((eb) => [
      sql<number>`sum(responses)::int`.as('responses'),
      sql<number>`sum(marked_counted)::int`.as('marked_counted'),
      sql<number>`sum(held)::int`.as('held'),
      sql<number>`sum(excluded)::int`.as('excluded'),
      eb.val(0).as('shard'),
    ])
    .where('wave_id', '=', wave.id)
    .groupBy(['school_id', 'role'])
    .execute();
  await trx
    .updateTable('waves')
    .set({ answers_purged_at: sql`now()` })
    .where('id', '=', wave.id)
    .execute();
  const deleted = await trx.deleteFrom('responses').where('wave_id', '=', wave.id).executeTakeFirst();
  await trx.deleteFrom('participation_counts').where('wave_id', '=', wave.id).execute();
  if (counts.length > 0)
    await trx
      .insertInto('participation_counts')
      .values(counts.map((c) => ({ ...c, wave_id: wave.id, shard: 0 })))
      .execute();
  return Number(deleted.numDeletedRows);
}
