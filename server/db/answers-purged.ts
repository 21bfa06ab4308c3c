import type { Db } from './connect.js';

/** Whether the wave's raw answers are gone: read from the database, so a purge by another instance is seen at once. */
export async function answersPurged(db: Db, waveId: number): Promise<boolean> {
  const row = await db.selectFrom('waves').select('answers_purged_at').where('id', '=', waveId).executeTakeFirst();
  return row?.answers_purged_at != null;
}
