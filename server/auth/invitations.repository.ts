import type { Db } from '../db/connect.js';
import { newSecret, sha256 } from '../shared/hash.js';

export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

/** A one-time link to set a password; any earlier unused invitation of the account stops working. */
export async function createInvitation(db: Db, userId: number, now = new Date()): Promise<string> {
  const token = newSecret(24);
  await db.deleteFrom('invitations').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await db
    .insertInto('invitations')
    .values({ token_hash: sha256(token), user_id: userId, expires_at: new Date(now.getTime() + INVITATION_TTL_MS) })
    .execute();
  return token;
}

export function findInvitation(db: Db, token: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .select([
      'invitations.token_hash',
      'invitations.user_id',
      'invitations.expires_at',
      'invitations.used_at',
      'users.email',
      'users.name',
      'users.disabled_at',
    ])
    .where('invitations.token_hash', '=', sha256(token))
    .executeTakeFirst();
}

/** Marks it used only if still unused, so two tabs cannot both redeem one invitation. */
export async function redeemInvitation(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
