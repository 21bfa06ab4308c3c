import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ContextKind } from './columns.js';
import type { ContextSchool, IndicatorRecord, ResultRecord } from './validate.js';

/** Codes per IN list and rows per INSERT: far below PostgreSQL's 65 535 bind parameters. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** Two imports at once would both see a row as new; the lock makes the second wait and check against what the first wrote. */
export async function lockContext(trx: Kysely<Database>) {
  await sql`select pg_advisory_xact_lock(hashtext('context-import'))`.execute(trx);
}

export async function schoolsByCode(db: Kysely<Database>, codes: string[]): Promise<ContextSchool[]> {
  const schools: ContextSchool[] = [];
  for (const part of chunks([...new Set(codes)])) {
    schools.push(
      ...(await db
        .selectFrom('schools as s')
        .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
        .select(['s.id', 's.code', 's.name', 'm.region_id'])
        .where('s.code', 'in', part)
        .execute()),
    );
  }
  return schools;
}

export async function storedIndicators(db: Kysely<Database>, schoolIds: number[]): Promise<IndicatorRecord[]> {
  const rows: IndicatorRecord[] = [];
  for (const part of chunks(schoolIds)) {
    rows.push(
      ...(await db
        .selectFrom('school_context')
        .select(['school_id', 'year', 'social_index', 'settlement', 'students'])
        .where('school_id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

export async function storedResults(db: Kysely<Database>, schoolIds: number[]): Promise<ResultRecord[]> {
  const rows: ResultRecord[] = [];
  for (const part of chunks(schoolIds)) {
    rows.push(
      ...(await db
        .selectFrom('assessment_results')
        .select(['school_id', 'year', 'procedure', 'subject', 'grade', 'participants', 'mean_score', 'share_2', 'share_3', 'share_4', 'share_5'])
        .where('school_id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** A row replaces the stored one of the same key whole: a figure left empty in the file becomes unknown. */
export async function writeIndicators(trx: Kysely<Database>, records: IndicatorRecord[], importedBy: number | null) {
  for (const part of chunks(records)) {
    await trx
      .insertInto('school_context')
      .values(part.map((r) => ({ ...r, imported_by: importedBy })))
      .onConflict((oc) =>
        oc.columns(['school_id', 'year']).doUpdateSet((eb) => ({
          social_index: eb.ref('excluded.social_index'),
          settlement: eb.ref('excluded.settlement'),
          students: eb.ref('excluded.students'),
          imported_by: eb.ref('excluded.imported_by'),
          imported_at: sql`now()`,
        })),
      )
      .execute();
  }
}

export async function writeResults(trx: Kysely<Database>, records: ResultRecord[], importedBy: number | null) {
  for (const part of chunks(records)) {
    await trx
      .insertInto('assessment_results')
      .values(part.map((r) => ({ ...r, imported_by: importedBy })))
      .onConflict((oc) =>
        oc.columns(['school_id', 'year', 'procedure', 'subject', 'grade']).doUpdateSet((eb) => ({
          participants: eb.ref('excluded.participants'),
          mean_score: eb.ref('excluded.mean_score'),
          share_2: eb.ref('excluded.share_2'),
          share_3: eb.ref('excluded.share_3'),
          share_4: eb.ref('excluded.share_4'),
          share_5: eb.ref('excluded.share_5'),
          imported_by: eb.ref('excluded.imported_by'),
          imported_at: sql`now()`,
        })),
      )
      .execute();
  }
}

/** Each kind's stored rows and writer, so the import runs one mechanism for both. */
export const KIND_STORE = {
  indicators: { stored: storedIndicators, write: writeIndicators },
  results: { stored: storedResults, write: writeResults },
} as const satisfies Record<ContextKind, unknown>;
