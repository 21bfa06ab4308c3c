import type { Db } from '../db/connect.js';

/** Agreeing twice to one version keeps the first record: it is the moment of consent that counts. */
export async function recordConsent(db: Db, userId: number, version: string) {
  await db
    .insertInto('staff_consents')
    .values({ user_id: userId, version })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .execute();
}

/** The latest consent of the account, or undefined when it never gave one. */
export function latestConsent(db: Db, userId: number) {
  return db
    .selectFrom('staff_consents')
    .select(['version', 'given_at'])
    .where('user_id', '=', userId)
    .orderBy('given_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
