import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Answers } from '../scoring/model.js';
import type { Role } from '../shared/roles.js';

/** How many responses gave each answer: an element of a multi-select answer counts on its own. */
export interface AnswerCount {
  question: string;
  answer: unknown;
  count: number;
}

/**
 * Counts of every answer to `questions` among one school's responses of one role in a wave. The caller
 * asks only for questions whose indicator passed the privacy rule, so smaller groups never leave the database.
 */
export async function answerCounts(db: Db, waveId: number, schoolId: number, role: Role, questions: string[]): Promise<AnswerCount[]> {
  if (questions.length === 0) return [];
  const { rows } = await sql<AnswerCount>`
    select e.key as question, x.value as answer, count(*)::int as count
    from responses as r
    cross join lateral jsonb_each(r.answers) as e(key, value)
    cross join lateral jsonb_array_elements(
      case when jsonb_typeof(e.value) = 'array' then e.value else jsonb_build_array(e.value) end
    ) as x(value)
    where r.wave_id = ${waveId} and r.school_id = ${schoolId} and r.role = ${role} and r.counted
      and e.key in (${sql.join(questions)})
    group by e.key, x.value`.execute(db);
  return rows;
}

/** The principal's responses of a wave, oldest first: there is normally one, a shared link may give more. */
export async function principalAnswers(db: Db, waveId: number, schoolId: number): Promise<Answers[]> {
  const rows = await db
    .selectFrom('responses')
    .select('answers')
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .where('role', '=', 'principal')
    .where('counted', '=', true)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.answers);
}
