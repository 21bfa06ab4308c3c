import { sql } from 'kysely';
import type { Db, DatabaseKind } from '../db/connect.js';
import { audit } from '../audit/log.js';
import { purgeWaveAnswers } from './purge-wave.js';
import { readRetention } from './settings.js';

/**
 * What the retention job does beyond the answers, given by the modules that own the data. The staff accounts module
 * anonymises a disabled account (its name, e-mail and sessions); the job only says which accounts are due.
 */
export interface RetentionSteps {
  /** Anonymises every account disabled before `disabledBefore` that is not yet; returns how many it did. */
  anonymiseDisabledAccounts?: (trx: Db, disabledBefore: Date) => Promise<number>;
}

export interface RetentionRun {
  waves: Array<{ id: number; title: string; answersDeleted: number }>;
  /** Null when no anonymisation step is installed. */
  accountsAnonymised: number | null;
}

/** Any constant both instances agree on: it names the retention job among PostgreSQL's advisory locks. */
export const RETENTION_LOCK = 152_0028;

/**
 * Applies the retention periods once, in one transaction, and audits what it did as `retention.apply`. On PostgreSQL
 * two instances may run it at the same moment: the transaction-scoped advisory lock lets one through and the other
 * returns null at once. PGlite is one process with one connection, so its transactions already run one at a time.
 * The audit log is never touched: it is kept at least a year and the application deletes none of it.
 */
export async function applyRetention(db: Db, kind: DatabaseKind, steps: RetentionSteps = {}): Promise<RetentionRun | null> {
  return db.transaction().execute(async (trx) => {
    if (kind === 'postgresql') {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${RETENTION_LOCK}) as locked`.execute(trx);
      if (!rows[0]!.locked) return null;
    }
    const settings = await readRetention(trx);
    const due = await trx
      .selectFrom('waves')
      .select(['id', 'title', 'model_id'])
      .where('answers_purged_at', 'is', null)
      .where(sql<boolean>`closes_at + make_interval(months => ${settings.answers_months}) <= now()`)
      .orderBy('id')
      .forUpdate()
      .execute();
    const waves: RetentionRun['waves'] = [];
    for (const wave of due) waves.push({ id: wave.id, title: wave.title, answersDeleted: await purgeWaveAnswers(trx, wave) });

    const { before } = (await sql<{ before: Date }>`select now() - make_interval(days => ${settings.accounts_days}) as before`.execute(trx)).rows[0]!;
    const accountsAnonymised = steps.anonymiseDisabledAccounts ? await steps.anonymiseDisabledAccounts(trx, before) : null;

    const run: RetentionRun = { waves, accountsAnonymised };
    await audit(trx, {
      userId: null,
      action: 'retention.apply',
      entity: 'retention',
      details: {
        ...run,
        answersDeleted: waves.reduce((sum, w) => sum + w.answersDeleted, 0),
        answersMonths: settings.answers_months,
        accountsDays: settings.accounts_days,
      },
    });
    return run;
  });
}
