import type { Db } from '../../db/connect.js';
import { newSecret, sha256 } from '../../shared/hash.js';

/** Time to type the code after the password: enough to open the app, too short to leave a half-login lying about. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export async function createChallenge(db: Db, userId: number, now = new Date()): Promise<string> {
  const token = newSecret();
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
  await db
    .insertInto('login_challenges')
    .values({ id_hash: sha256(token), user_id: userId, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS) })
    .execute();
  return token;
}

export function findChallenge(db: Db, token: string, now = new Date()) {
  return db
    .selectFrom('login_challenges')
    .innerJoin('users', 'users.id', 'login_challenges.user_id')
    .select(['users.id', 'users.email', 'users.totp_secret', 'users.disabled_at'])
    .where('login_challenges.id_hash', '=', sha256(token))
    .where('login_challenges.expires_at', '>', now)
    .executeTakeFirst();
}

/** Ends a challenge at its first success: whoever saw the token cannot log in with it again. */
export async function endChallenge(db: Db, token: string) {
  await db.deleteFrom('login_challenges').where('id_hash', '=', sha256(token)).execute();
}

/**
 * Takes the code's step as the last one used, only when it is later than the last one: of two requests with one
 * code, however close, one wins. A code seen over a shoulder or in a proxy's log is worth nothing after its use.
 */
export async function useStep(db: Db, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function twoFactorOf(db: Db, userId: number) {
  return db.selectFrom('users').select(['totp_secret', 'totp_pending_secret', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
}

export async function setPendingSecret(db: Db, userId: number, secret: string) {
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
}

/** The pending secret becomes the account's, with the confirming code's step used up. */
export async function confirmSecret(db: Db, userId: number, secret: string, step: number) {
  await db.updateTable('users').set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step }).where('id', '=', userId).execute();
}

/** Back to the password alone; true when the account had a second factor or one being set up. */
export async function removeSecret(db: Db, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]))
    .executeTakeFirst();
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
  return Number(result.numUpdatedRows) === 1;
}
