import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AnswerMark } from '../shared/rules/answer-marks.js';
import type { Role } from '../shared/roles.js';
import { newShortCode } from '../shared/short-codes.js';

/** Issues `count` sheets of one school × role; each id is a short code, unique among all sheets. */
export async function issueSheets(db: Db, sheet: { waveId: number; schoolId: number; role: Role; issuedBy: number; count: number }): Promise<string[]> {
  const ids = new Set<string>();
  while (ids.size < sheet.count) ids.add(newShortCode());
  const rows = [...ids].map((id) => ({ id, wave_id: sheet.waveId, school_id: sheet.schoolId, role: sheet.role, issued_by: sheet.issuedBy }));
  // 31^8 ids: a clash with an earlier sheet is next to impossible, and the primary key refuses it rather than
  // letting two sheets share an id.
  await db.insertInto('paper_sheets').values(rows).execute();
  return [...ids];
}

/** A sheet with what entering it needs: its wave (open now or not, pinned questionnaires) and its school. */
export function findSheet(db: Db, id: string) {
  return db
    .selectFrom('paper_sheets')
    .innerJoin('waves', 'waves.id', 'paper_sheets.wave_id')
    .innerJoin('schools', 'schools.id', 'paper_sheets.school_id')
    .select([
      'paper_sheets.id',
      'paper_sheets.role',
      'paper_sheets.wave_id',
      'paper_sheets.school_id',
      'waves.title as wave_title',
      'waves.questionnaires_id',
      'waves.model_id',
      'schools.name as school_name',
      sql<boolean>`now() >= waves.opens_at and now() < waves.closes_at`.as('wave_open'),
    ])
    .where('paper_sheets.id', '=', id)
    .executeTakeFirst();
}
export type SheetFacts = NonNullable<Awaited<ReturnType<typeof findSheet>>>;

/** The answer stored from the sheet, locking the sheet so that two operators entering it at once take turns. */
export async function lockSheetAnswer(db: Db, sheetId: string) {
  await db.selectFrom('paper_sheets').select('id').where('id', '=', sheetId).forUpdate().execute();
  return db.selectFrom('responses').select(['id', 'answers']).where('sheet_id', '=', sheetId).executeTakeFirst();
}

export async function storePaperAnswer(
  db: Db,
  sheet: SheetFacts,
  answer: { answers: Record<string, unknown>; marks: AnswerMark[]; enteredBy: number },
): Promise<number> {
  const row = await db
    .insertInto('responses')
    .values({
      wave_id: sheet.wave_id,
      school_id: sheet.school_id,
      role: sheet.role,
      link_id: null,
      client_key: randomUUID(),
      answers: JSON.stringify(answer.answers),
      duration_seconds: null,
      marks: answer.marks,
      // No mark of a paper answer holds it back (straightlining is shown, not held): it counts like an online one.
      counted: true,
      source: 'paper',
      entered_by: answer.enteredBy,
      sheet_id: sheet.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrites a paper answer after a second entry's differences were settled; the straightline mark follows the answers. */
export async function replacePaperAnswers(db: Db, responseId: number, answers: Record<string, unknown>, straightline: boolean): Promise<void> {
  await sql`
    update responses
    set answers = cast(${JSON.stringify(answers)} as jsonb),
        marks = case when cast(${straightline} as boolean) then array['straightline'] else array[]::text[] end
    where id = ${responseId} and source = 'paper'`.execute(db);
}
