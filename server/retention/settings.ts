import type { Db } from '../db/connect.js';
import { unprocessable } from '../shared/errors.js';

/**
 * The bounds an administrator may set the periods within. Answers: at least a month after the wave ends (time to
 * review and report), at most three years (a programme's cycle of waves). Disabled accounts: within the 30 days
 * 152-FZ art. 21 §5 allows once the purpose is reached.
 */
export const RETENTION_BOUNDS = {
  answersMonths: { min: 1, max: 36 },
  accountsDays: { min: 1, max: 30 },
} as const;

export interface RetentionPeriods {
  answersMonths: number;
  accountsDays: number;
}

export async function readRetention(db: Db) {
  return db.selectFrom('retention_settings').selectAll().executeTakeFirstOrThrow();
}

export function assertWithinBounds(periods: RetentionPeriods) {
  for (const key of Object.keys(RETENTION_BOUNDS) as Array<keyof RetentionPeriods>) {
    const { min, max } = RETENTION_BOUNDS[key];
    if (periods[key] < min || periods[key] > max) {
      throw unprocessable('retention_out_of_bounds', `${key} must be from ${min} to ${max}`, { field: key, min, max });
    }
  }
}

export async function writeRetention(db: Db, periods: RetentionPeriods, userId: number | null) {
  await db
    .updateTable('retention_settings')
    .set({ answers_months: periods.answersMonths, accounts_days: periods.accountsDays, updated_by: userId, updated_at: new Date() })
    .execute();
}
