import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { audit } from '../../audit/log.js';
import { ApiError, badRequest } from '../../shared/errors.js';
import { cleanText } from './columns.js';
import { parseRosterFile, type ParsedRoster } from './parse.js';
import { applyRosterPlan, loadExistingRoster, lockRoster } from './roster.repository.js';
import type { RosterApplied, RosterIssue, RosterPreview, RosterWarning } from './roster.schemas.js';
import { checkRoster, type RosterCheck } from './validate.js';

/** A file of garbage could have a hundred thousand errors; the first few hundred are enough to fix it. */
export const MAX_REPORTED_ISSUES = 500;

async function check(db: Kysely<Database>, parsed: ParsedRoster, onlyRegionId: number | null): Promise<RosterCheck> {
  const codes = parsed.rows.map((row) => cleanText(row.cells.code)).filter(Boolean);
  const regions = [...new Set(parsed.rows.map((row) => cleanText(row.cells.region)).filter(Boolean))];
  const result = checkRoster(parsed, await loadExistingRoster(db, codes, regions), onlyRegionId);
  return { ...result, issues: [...parsed.issues, ...result.issues] };
}

const reported = (issues: RosterIssue[]) => ({ errors: issues.slice(0, MAX_REPORTED_ISSUES), errorCount: issues.length });
const warned = (warnings: RosterWarning[]) => ({ warnings: warnings.slice(0, MAX_REPORTED_ISSUES), warningCount: warnings.length });

/** What importing the file would do, and every reason it cannot be imported yet. Writes nothing. */
export async function previewRoster(db: Db, bytes: Uint8Array, onlyRegionId: number | null = null): Promise<RosterPreview> {
  const parsed = await parseRosterFile(bytes);
  const result = await check(db, parsed, onlyRegionId);
  return {
    rows: parsed.rows.length,
    ...reported(result.issues),
    ...warned(result.warnings),
    summary: result.summary,
    sample: result.sample,
    ignoredColumns: parsed.ignoredColumns,
    format: parsed.format,
  };
}

/**
 * Applies the whole file or nothing: the checks run again inside the transaction, against the database as it is
 * then, so a preview made before someone else's import cannot let a stale file through.
 */
export async function importRoster(
  db: Db,
  bytes: Uint8Array,
  actor: { userId: number | null; tokenId?: number | null; filename?: string },
  { confirmLookAlikes = false, onlyRegionId = null }: { confirmLookAlikes?: boolean; onlyRegionId?: number | null } = {},
): Promise<RosterApplied> {
  const parsed = await parseRosterFile(bytes);
  return db.transaction().execute(async (trx) => {
    await lockRoster(trx);
    const result = await check(trx, parsed, onlyRegionId);
    if (result.issues.length > 0) {
      throw badRequest('roster_invalid', `The file has ${result.issues.length} error(s); nothing was applied`, reported(result.issues));
    }
    if (result.warnings.length > 0 && !confirmLookAlikes) {
      throw new ApiError(
        409,
        'roster_needs_confirmation',
        `${result.warnings.length} new school(s) look like schools already there (a code that lost its leading zeros, or the name of a school ` +
          'of the same municipality); nothing was applied. Check them in the preview and apply again with confirmLookAlikes=true if they are new',
        warned(result.warnings),
      );
    }
    await applyRosterPlan(trx, result.plan);
    await audit(trx, {
      userId: actor.userId,
      tokenId: actor.tokenId ?? null,
      action: 'roster.import',
      entity: 'roster',
      details: {
        filename: actor.filename ?? null,
        format: parsed.format,
        rows: parsed.rows.length,
        ...result.summary,
        lookAlikesConfirmed: result.warnings.map((w) => ({ line: w.line, code: w.code, existingCode: w.existingCode })),
        municipalitiesCreated: result.plan.municipalities.map((m) => m.name),
        schoolsCreated: result.plan.creates.map((s) => s.values.code),
        schoolsUpdated: result.plan.updates.map((s) => ({ code: s.values.code, changes: s.changes })),
      },
    });
    return { rows: parsed.rows.length, summary: result.summary };
  });
}
