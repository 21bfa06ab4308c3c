import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { audit } from '../../audit/log.js';
import { ApiError, conflict, notFound } from '../../shared/errors.js';

/**
 * The name an anonymised account keeps. It is data every screen and export reads, not interface text: the account's
 * entries in the audit log go on naming it by this, and nobody can tell whom it was.
 */
export const anonymisedName = (id: number) => `Удалённый пользователь №${id}`;

/** A reserved top-level domain (RFC 2606): no mail to it is ever delivered, and it cannot collide with a real address. */
export const anonymisedEmail = (id: number) => `deleted-${id}@anonymised.invalid`;

/**
 * Removes the person from a disabled account: name, e-mail, password, sessions and invitations. The row and its id
 * stay, so the audit log (and the record of the consents it gave) still say which account did what.
 */
export async function anonymiseAccount(trx: Db, id: number) {
  const user = await trx.selectFrom('users').select(['id', 'role', 'disabled_at', 'anonymised_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!user) throw notFound('account_not_found', `No account ${id}`);
  if (user.anonymised_at) throw conflict('already_anonymised', `Account ${id} is already anonymised`);
  if (!user.disabled_at) throw conflict('account_active', 'Disable the account before anonymising it');
  if (user.role === 'admin') {
    const { others } = await trx
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('others'))
      .where('role', '=', 'admin')
      .where('id', '<>', id)
      .where('anonymised_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (others === 0) throw new ApiError(409, 'last_admin', 'The last administrator cannot be anonymised');
  }
  await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await trx.deleteFrom('invitations').where('user_id', '=', id).execute();
  await trx
    .updateTable('users')
    .set({ name: anonymisedName(id), email: anonymisedEmail(id), password_hash: null, anonymised_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * The retention job's step (server/retention/apply.ts): every account disabled before `disabledBefore` and not yet
 * anonymised is anonymised, each recorded in the audit log as the system's doing. The last administrator is left
 * as the refusal above says, and counted out.
 */
export async function anonymiseDisabledAccounts(trx: Db, disabledBefore: Date): Promise<number> {
  const due = await trx.selectFrom('users').select('id').where('disabled_at', '<', disabledBefore).where('anonymised_at', 'is', null).orderBy('id').execute();
  let done = 0;
  for (const { id } of due) {
    try {
      await anonymiseAccount(trx, id);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'last_admin') continue;
      throw error;
    }
    await audit(trx, { userId: null, action: 'account.anonymise', entity: 'user', entityId: id, details: { reason: 'retention' } });
    done++;
  }
  return done;
}
