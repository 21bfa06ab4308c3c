import type { AnswerMark } from '../../server/shared/rules/answer-marks.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.js';
import type { Role } from '../../server/shared/roles.js';
import { newLink } from '../helpers/fixtures.js';

/** The open link of a school × role, as the wave's link set-up leaves exactly one. */
export async function openLink(db: Db, waveId: number, schoolId: number, role: Role) {
  const existing = await db
    .selectFrom('links')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role)
    .where('kind', '=', 'open')
    .executeTakeFirst();
  return existing ?? newLink(db, waveId, schoolId, role);
}

/**
 * Stores `durations.length` responses of one school × role straight in the table, one statement for all; `fate` marks
 * them and says whether they count (unmarked and counted when not given).
 */
export async function addResponses(
  db: Db,
  waveId: number,
  schoolId: number,
  role: Role,
  durations: Array<number | null>,
  fate: { marks: AnswerMark[]; counted: boolean } = { marks: [], counted: true },
) {
  if (durations.length === 0) return;
  const link = await openLink(db, waveId, schoolId, role);
  await db
    .insertInto('responses')
    .values(
      durations.map((duration) => ({
        wave_id: waveId,
        school_id: schoolId,
        role,
        link_id: link.id,
        client_key: randomUUID(),
        answers: '{}',
        duration_seconds: duration,
        ...fate,
      })),
    )
    .execute();
}

export const times = (n: number, duration: number | null = 300) => Array.from({ length: n }, () => duration);

/** The counters summed over shards next to a plain count of the responses by their fate, keyed wave:school:role. */
export async function countersAndCounts(db: Db) {
  const counters = await db
    .selectFrom('participation_counts')
    .select([
      'wave_id',
      'school_id',
      'role',
      sql<number>`sum(responses)::int`.as('n'),
      sql<number>`sum(marked_counted)::int`.as('marked'),
      sql<number>`sum(held)::int`.as('held'),
      sql<number>`sum(excluded)::int`.as('excluded'),
    ])
    .groupBy(['wave_id', 'school_id', 'role'])
    .execute();
  const counts = await db
    .selectFrom('responses')
    .select([
      'wave_id',
      'school_id',
      'role',
      sql<number>`(count(*) filter (where counted))::int`.as('n'),
      sql<number>`(count(*) filter (where counted and cardinality(marks) > 0))::int`.as('marked'),
      sql<number>`(count(*) filter (where not counted and review is null))::int`.as('held'),
      sql<number>`(count(*) filter (where review = 'excluded'))::int`.as('excluded'),
    ])
    .groupBy(['wave_id', 'school_id', 'role'])
    .execute();
  const key = (r: { wave_id: number; school_id: number; role: string }) => `${r.wave_id}:${r.school_id}:${r.role}`;
  const asMap = (rows: typeof counts) =>
    Object.fromEntries(
      rows.filter((r) => r.n + r.marked + r.held + r.excluded !== 0).map((r) => [key(r), { n: r.n, marked: r.marked, held: r.held, excluded: r.excluded }]),
    );
  return { counters: asMap(counters), counts: asMap(counts) };
}

/**
 * Stores `n` answers typed in from paper for one school × role, each with its own printed sheet, as the paper entry
 * route leaves them; `fate` marks them as in `addResponses`.
 */
export async function addPaperResponses(
  db: Db,
  waveId: number,
  schoolId: number,
  role: Role,
  n: number,
  fate: { marks: AnswerMark[]; counted: boolean; review?: 'excluded' } = { marks: [], counted: true },
) {
  const sheets = Array.from({ length: n }, () => ({ id: randomUUID(), wave_id: waveId, school_id: schoolId, role }));
  await db.insertInto('paper_sheets').values(sheets).execute();
  await db
    .insertInto('responses')
    .values(
      sheets.map((sheet) => ({
        wave_id: waveId,
        school_id: schoolId,
        role,
        link_id: null,
        sheet_id: sheet.id,
        source: 'paper' as const,
        client_key: randomUUID(),
        answers: '{}',
        duration_seconds: null,
        ...fate,
      })),
    )
    .execute();
}
