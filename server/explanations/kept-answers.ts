import type { Db } from '../db/connect.js';
import type { Answers } from '../scoring/model.js';
import type { Role } from '../shared/roles.js';
import type { AnswerCount } from './explanation.repository.js';

/**
 * What an explanation of a purged wave reads instead of its answers (migration 0028), written by
 * server/retention/keep-figures.ts before they go: the same counts and principal answers the raw readers return.
 */

export async function keepAnswerCounts(db: Db, waveId: number, schoolId: number, role: Role, counts: AnswerCount[]) {
  if (counts.length === 0) return;
  await db
    .insertInto('kept_answer_counts')
    .values(counts.map((c) => ({ wave_id: waveId, school_id: schoolId, role, question: c.question, answer: JSON.stringify(c.answer), count: c.count })))
    .execute();
}

export async function keptAnswerCounts(db: Db, waveId: number, schoolId: number, role: Role, questions: string[]): Promise<AnswerCount[]> {
  if (questions.length === 0) return [];
  const rows = await db
    .selectFrom('kept_answer_counts')
    .select(['question', 'answer', 'count'])
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role)
    .where('question', 'in', questions)
    .execute();
  return rows.map((r) => ({ question: r.question, answer: r.answer, count: r.count }));
}

export async function keepPrincipalAnswers(db: Db, waveId: number, schoolId: number, answers: Answers[]) {
  if (answers.length === 0) return;
  await db
    .insertInto('kept_principal_answers')
    .values(answers.map((a, position) => ({ wave_id: waveId, school_id: schoolId, position, answers: JSON.stringify(a) })))
    .execute();
}

export async function keptPrincipalAnswers(db: Db, waveId: number, schoolId: number): Promise<Answers[]> {
  const rows = await db
    .selectFrom('kept_principal_answers')
    .select('answers')
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.answers);
}
