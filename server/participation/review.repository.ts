import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Role } from '../shared/roles.js';
import type { ReviewOutcome, SchoolMarks } from './review.schemas.js';

/** A school's marked answers in a wave, counted by role and mark and by their fate; never an answer itself. */
export async function schoolMarks(db: Db, waveId: number, schoolId: number): Promise<SchoolMarks> {
  const fate = sql`
    count(*) filter (where counted)::int as counted,
    count(*) filter (where not counted and review is null)::int as held,
    count(*) filter (where review = 'excluded')::int as excluded`;
  const [marks, answers] = await Promise.all([
    sql<SchoolMarks['marks'][number]>`
      select role, mark, ${fate}
      from responses cross join lateral unnest(marks) as mark
      where wave_id = ${waveId} and school_id = ${schoolId} and cardinality(marks) > 0
      group by role, mark
      order by role, mark`.execute(db),
    sql<SchoolMarks['answers'][number]>`
      select role, ${fate}
      from responses
      where wave_id = ${waveId} and school_id = ${schoolId} and cardinality(marks) > 0
      group by role
      order by role`.execute(db),
  ]);
  return { marks: marks.rows, answers: answers.rows };
}

/**
 * The coordinator's decision on every marked answer of a school × role in a wave. `check` sees what would change
 * before anything does (inside the transaction, rows locked) and may refuse by throwing.
 */
export async function decideMarked(
  db: Db,
  target: { waveId: number; schoolId: number; role: Role },
  decision: 'accept' | 'exclude',
  check: (outcome: ReviewOutcome) => void,
): Promise<ReviewOutcome> {
  const counted = decision === 'accept';
  const { waveId, schoolId, role } = target;
  const { rows } = await sql<{ counted: boolean }>`
    select counted from responses
    where wave_id = ${waveId} and school_id = ${schoolId} and role = ${role} and cardinality(marks) > 0
    for update`.execute(db);
  const outcome = { answers: rows.length, changed: rows.filter((r) => r.counted !== counted).length };
  check(outcome);
  await sql`
    update responses set review = ${decision === 'accept' ? 'accepted' : 'excluded'}, counted = ${counted}
    where wave_id = ${waveId} and school_id = ${schoolId} and role = ${role} and cardinality(marks) > 0`.execute(db);
  return outcome;
}
