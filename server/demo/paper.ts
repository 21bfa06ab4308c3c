import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { newShortCode } from '../shared/short-codes.js';

/**
 * Some parents of every third school answered the current wave on paper: their staff typed the sheets in, so the
 * participation page has paper answers to show apart («из них на бумаге»).
 */
export async function seedPaperAnswers(db: Db, waveId: number, enteredBy: number): Promise<void> {
  const picked = await db
    .selectFrom('responses')
    .select(['id', 'school_id', 'role', sql<number>`row_number() over (partition by school_id order by id)`.as('n')])
    .where('wave_id', '=', waveId)
    .where('role', '=', 'parent')
    .where(sql<boolean>`school_id % 3 = 0`)
    .execute();
  const answers = picked.filter((r) => Number(r.n) <= 4);
  if (answers.length === 0) return;
  const sheets = answers.map((r) => ({ id: newShortCode(), wave_id: waveId, school_id: r.school_id, role: r.role, issued_by: enteredBy }));
  await db.insertInto('paper_sheets').values(sheets).execute();
  for (const [i, answer] of answers.entries()) {
    // `source` is written once by the entry route; the demo turns an online answer into the sheet it came from.
    await sql`update responses set source = 'paper', sheet_id = ${sheets[i].id}, link_id = null, entered_by = ${enteredBy} where id = ${answer.id}`.execute(db);
  }
}
