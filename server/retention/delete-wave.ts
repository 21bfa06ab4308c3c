import type { Db } from '../db/connect.js';

/**
 * Deletes a wave and everything that hangs off it: answers, links (and their paper sheets), access modes, counters,
 * roster, priorities, programmes and the figures kept after a purge. The audit log keeps its rows, which name the wave
 * by id and title. Run inside the caller's transaction. Returns what went, for the audit record.
 */
export async function deleteWave(trx: Db, waveId: number) {
  const answers = await trx.deleteFrom('responses').where('wave_id', '=', waveId).executeTakeFirst();
  const links = await trx.deleteFrom('links').where('wave_id', '=', waveId).executeTakeFirst();
  await trx.deleteFrom('wave_access').where('wave_id', '=', waveId).execute();
  // The rest cascade from the wave (migrations 0006, 0007, 0013, 0016, 0021, 0028).
  await trx.deleteFrom('waves').where('id', '=', waveId).execute();
  return { answersDeleted: Number(answers.numDeletedRows), linksDeleted: Number(links.numDeletedRows) };
}
