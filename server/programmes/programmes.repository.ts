import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { badRequest } from '../shared/errors.js';
import type { MeasureStatus, ProgrammeEventAction, ProgrammeState } from '../shared/vocabulary.js';
import type { MeasureInput } from './programmes.schemas.js';

/** A person as the programme's history and remarks name them: the name an administrator gave, or the e-mail. */
const personName = (alias: string) => sql<string | null>`coalesce(nullif(${sql.ref(`${alias}.name`)}, ''), ${sql.ref(`${alias}.email`)})`;

const programmeColumns = ['id', 'wave_id', 'school_id', 'factor_id', 'state', 'goal', 'tasks', 'version'] as const;

export function findProgramme(db: Db, id: number) {
  return db.selectFrom('programmes').select(programmeColumns).where('id', '=', id).executeTakeFirst();
}
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

/** The row, locked until the transaction ends: two reviewers, or a reviewer and the team, act one after the other. */
export function lockProgramme(trx: Db, id: number) {
  return trx.selectFrom('programmes').select(programmeColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function programmesOfSchool(db: Db, waveId: number, schoolId: number) {
  return db.selectFrom('programmes').select(['id', 'factor_id', 'state']).where('wave_id', '=', waveId).where('school_id', '=', schoolId).execute();
}

export async function insertProgramme(trx: Db, waveId: number, schoolId: number, factorId: string, userId: number | null): Promise<number> {
  const { id } = await trx
    .insertInto('programmes')
    .values({ wave_id: waveId, school_id: schoolId, factor_id: factorId, state: 'draft' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(trx, id, userId, 'created', null);
  return id;
}

export async function addEvent(trx: Db, programmeId: number, userId: number | null, action: ProgrammeEventAction, comment: string | null) {
  await trx.insertInto('programme_events').values({ programme_id: programmeId, user_id: userId, action, comment }).execute();
}

export async function setState(trx: Db, programmeId: number, state: ProgrammeState) {
  await trx.updateTable('programmes').set({ state, updated_at: new Date() }).where('id', '=', programmeId).execute();
}

export function measuresOf(db: Db, programmeIds: number[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('programme_measures')
    .select([
      'id',
      'programme_id',
      'action',
      sql<string>`to_char(deadline, 'YYYY-MM-DD')`.as('deadline'),
      'responsible',
      'expected_result',
      'target_kind',
      'target_ref',
      'status',
      'status_comment',
    ])
    .where('programme_id', 'in', programmeIds)
    .orderBy('programme_id')
    .orderBy('position')
    .execute();
}
export type MeasureRow = Awaited<ReturnType<typeof measuresOf>>[number];

export function evidenceOf(db: Db, measureIds: number[]) {
  if (measureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('measure_evidence as e')
    .leftJoin('users as u', 'u.id', 'e.uploaded_by')
    .select(['e.id', 'e.measure_id', 'e.filename', 'e.media_type', 'e.size', 'e.uploaded_at', personName('u').as('uploaded_by')])
    .where('e.measure_id', 'in', measureIds)
    .orderBy('e.id')
    .execute();
}

export function remarksOf(db: Db, programmeId: number) {
  return db
    .selectFrom('programme_remarks as r')
    .leftJoin('users as a', 'a.id', 'r.author_id')
    .leftJoin('users as b', 'b.id', 'r.answered_by')
    .select(['r.id', 'r.measure_id', 'r.body', 'r.created_at', 'r.answer', 'r.answered_at', personName('a').as('author'), personName('b').as('answered_by')])
    .where('r.programme_id', '=', programmeId)
    .orderBy('r.id')
    .execute();
}

export function eventsOf(db: Db, programmeId: number) {
  return db
    .selectFrom('programme_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.action', 'e.at', 'e.comment', personName('u').as('by')])
    .where('e.programme_id', '=', programmeId)
    .orderBy('e.id')
    .execute();
}

/**
 * Replaces the goal, tasks and measures. A measure sent with its id is updated in place (its status, evidence and
 * remarks stay with it); one without an id is new; a saved measure left out is deleted with its evidence.
 */
export async function saveContent(trx: Db, programme: ProgrammeRow, goal: string, tasks: string[], measures: MeasureInput[]) {
  const existing = new Set((await trx.selectFrom('programme_measures').select('id').where('programme_id', '=', programme.id).execute()).map((m) => m.id));
  const foreign = measures.filter((m) => m.id !== undefined && !existing.has(m.id));
  if (foreign.length > 0) {
    throw badRequest('measure_not_found', `Measure ${foreign[0].id} is not a measure of programme ${programme.id}; reload the programme`);
  }
  const kept = new Set(measures.flatMap((m) => (m.id === undefined ? [] : [m.id])));
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length > 0) await trx.deleteFrom('programme_measures').where('id', 'in', removed).execute();
  for (const [position, measure] of measures.entries()) {
    const values = {
      position,
      action: measure.action.trim(),
      deadline: measure.deadline,
      responsible: measure.responsible.trim(),
      expected_result: measure.expectedResult.trim(),
      target_kind: measure.target.kind,
      target_ref: measure.target.kind === 'external' ? measure.target.text.trim() : measure.target.id,
    };
    if (measure.id === undefined)
      await trx
        .insertInto('programme_measures')
        .values({ programme_id: programme.id, ...values })
        .execute();
    else await trx.updateTable('programme_measures').set(values).where('id', '=', measure.id).execute();
  }
  await trx
    .updateTable('programmes')
    .set({ goal: goal.trim(), tasks: tasks.map((t) => t.trim()), version: programme.version + 1, updated_at: new Date() })
    .where('id', '=', programme.id)
    .execute();
}

export function findMeasure(db: Db, programmeId: number, measureId: number) {
  return db.selectFrom('programme_measures').select(['id', 'status']).where('id', '=', measureId).where('programme_id', '=', programmeId).executeTakeFirst();
}

export async function setMeasureStatus(trx: Db, measureId: number, status: MeasureStatus, comment: string) {
  await trx
    .updateTable('programme_measures')
    .set({ status, status_comment: comment.trim(), status_changed_at: new Date() })
    .where('id', '=', measureId)
    .execute();
}

export async function addRemark(trx: Db, programmeId: number, measureId: number | null, authorId: number, body: string): Promise<number> {
  const { id } = await trx
    .insertInto('programme_remarks')
    .values({ programme_id: programmeId, measure_id: measureId, author_id: authorId, body: body.trim() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Answers a remark once; false when it has no such remark or it was answered already. */
export async function answerRemark(trx: Db, programmeId: number, remarkId: number, userId: number, answer: string): Promise<boolean> {
  const result = await trx
    .updateTable('programme_remarks')
    .set({ answer: answer.trim(), answered_by: userId, answered_at: new Date() })
    .where('id', '=', remarkId)
    .where('programme_id', '=', programmeId)
    .where('answer', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewEvidence {
  measureId: number;
  filename: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
  userId: number;
}

export async function insertEvidence(trx: Db, evidence: NewEvidence): Promise<number> {
  const { id } = await trx
    .insertInto('measure_evidence')
    .values({
      measure_id: evidence.measureId,
      filename: evidence.filename,
      media_type: evidence.mediaType,
      size: evidence.content.length,
      sha256: evidence.sha256,
      content: evidence.content,
      uploaded_by: evidence.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function readEvidence(db: Db, measureId: number, evidenceId: number) {
  return db
    .selectFrom('measure_evidence')
    .select(['id', 'filename', 'media_type', 'content'])
    .where('id', '=', evidenceId)
    .where('measure_id', '=', measureId)
    .executeTakeFirst();
}
