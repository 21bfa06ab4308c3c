import type { Kysely } from 'kysely';
import { parseSheetFile } from '../admin/roster/sheet-file.js';
import { audit } from '../audit/log.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { badRequest } from '../shared/errors.js';
import type { ContextKind } from './columns.js';
import type { ContextApplied, ContextIssue, ContextPreview } from './context.schemas.js';
import { KIND_STORE, lockContext, schoolsByCode } from './context.repository.js';
import { KIND_RULES } from './kinds.js';
import { checkContext, type ContextRecord, type KindRules } from './validate.js';

/** A file of garbage could have a hundred thousand errors; the first few hundred are enough to fix it. */
export const MAX_REPORTED_ISSUES = 500;

const reported = (issues: ContextIssue[]) => ({ errors: issues.slice(0, MAX_REPORTED_ISSUES), errorCount: issues.length });

/** The kinds differ in rules and tables only; the generic types meet here, where the kind is chosen. */
function kindOf(kind: ContextKind) {
  return { rules: KIND_RULES[kind] as unknown as KindRules<string, ContextRecord>, store: KIND_STORE[kind] as (typeof KIND_STORE)['results'] };
}

const parse = (kind: ContextKind, bytes: Uint8Array) => parseSheetFile(bytes, kindOf(kind).rules.sheet);

async function check(db: Kysely<Database>, kind: ContextKind, parsed: Awaited<ReturnType<typeof parse>>, onlyRegionId: number | null) {
  const { rules, store } = kindOf(kind);
  const schools = await schoolsByCode(db, parsed.rows.map((row) => row.cells.code.replace(/\s+/g, ' ').trim()).filter(Boolean));
  const stored = (await store.stored(
    db,
    schools.map((s) => s.id),
  )) as ContextRecord[];
  return { store, result: checkContext(rules, parsed, { schools, stored }, onlyRegionId) };
}

/** What importing the file would add and change, and every reason it cannot be imported yet. Writes nothing. */
export async function previewContext(db: Db, kind: ContextKind, bytes: Uint8Array, onlyRegionId: number | null): Promise<ContextPreview> {
  const parsed = await parse(kind, bytes);
  const { result } = await check(db, kind, parsed, onlyRegionId);
  return {
    kind,
    rows: parsed.rows.length,
    ...reported(result.issues),
    summary: result.summary,
    sample: result.sample,
    ignoredColumns: parsed.ignoredColumns,
    format: parsed.format,
  };
}

/**
 * Applies the whole file or nothing: the checks run again inside the transaction, against the database as it is then.
 * Each row replaces the stored row of its key (school and year; for results also procedure, subject and grade).
 */
export async function importContext(
  db: Db,
  kind: ContextKind,
  bytes: Uint8Array,
  actor: { userId: number; filename?: string },
  onlyRegionId: number | null,
): Promise<ContextApplied> {
  const parsed = await parse(kind, bytes);
  return db.transaction().execute(async (trx) => {
    await lockContext(trx);
    const { store, result } = await check(trx, kind, parsed, onlyRegionId);
    if (result.issues.length > 0) {
      throw badRequest('context_invalid', `The file has ${result.issues.length} error(s); nothing was applied`, reported(result.issues));
    }
    await store.write(trx, result.writes as Parameters<typeof store.write>[1], actor.userId);
    await audit(trx, {
      userId: actor.userId,
      action: 'context.import',
      entity: kind === 'indicators' ? 'school_context' : 'assessment_results',
      details: { kind, filename: actor.filename ?? null, format: parsed.format, rows: parsed.rows.length, ...result.summary },
    });
    return { kind, rows: parsed.rows.length, summary: result.summary };
  });
}
