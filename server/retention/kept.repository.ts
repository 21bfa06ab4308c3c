import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AnswerCount } from '../explanations/explanation.repository.js';
import { inSchools, type SchoolSet } from '../profiles/stats.sql.js';
import type { Answers, CollectedStats } from '../scoring/model.js';
import type { Role } from '../shared/roles.js';

/**
 * What a purged wave's views read instead of its answers (migration 0028), written by keep-figures.ts before the
 * answers go. Each reader returns what its raw counterpart returns for the same wave, value for value.
 */

/** Whether the wave's raw answers are gone: read from the database, so a purge by another instance is seen at once. */
export async function answersPurged(db: Db, waveId: number): Promise<boolean> {
  const row = await db.selectFrom('waves').select('answers_purged_at').where('id', '=', waveId).executeTakeFirst();
  return row?.answers_purged_at != null;
}

/**
 * JSON has no infinities: a sum of squares beyond a double's range (server/scoring/uncertainty.ts) is kept as text.
 * Every finite double goes through JSON and PostgreSQL's numeric unchanged (the shortest text that reads back as it).
 */
const encodeNumber = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const decodeNumber = (_key: string, value: unknown) => (value === 'Infinity' || value === '-Infinity' || value === 'NaN' ? Number(value) : value);

export async function keepSchoolStats(db: Db, waveId: number, stats: Map<number, CollectedStats>) {
  const rows = [...stats].map(([schoolId, s]) => ({ wave_id: waveId, school_id: schoolId, stats: JSON.stringify(s, encodeNumber) }));
  if (rows.length > 0) await db.insertInto('kept_school_stats').values(rows).execute();
}

export async function keptSchoolStats(db: Db, waveId: number, schools: SchoolSet): Promise<Map<number, CollectedStats>> {
  const { rows } = await sql<{ school_id: number; stats: string }>`
    select school_id, stats::text as stats from kept_school_stats where wave_id = ${waveId} and ${inSchools(schools)}`.execute(db);
  return new Map(rows.map((r) => [r.school_id, JSON.parse(r.stats, decodeNumber) as CollectedStats]));
}

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
