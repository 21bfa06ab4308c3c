import { describe, expect, it } from 'vitest';
import { anonymiseDisabledAccounts } from '../../server/admin/accounts/anonymise.js';
import { createAccount } from '../../server/auth/accounts.js';
import { applyRetention } from '../../server/retention/apply.js';
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.js';

const DAY = 24 * 3600_000;

describe.each(TEST_DATABASES)('the retention job and disabled accounts on %s', (kind) => {
  it('anonymises an account disabled longer than its period (30 days), not a newer one nor an active one, once', async () => {
    const database = await openTestDatabase(kind);
    try {
      const db = database.db;
      const account = async (email: string, disabledDaysAgo: number | null) => {
        const { id } = await createAccount(db, { email, password: 'long enough passphrase', role: 'admin' });
        if (disabledDaysAgo !== null)
          await db
            .updateTable('users')
            .set({ disabled_at: new Date(Date.now() - disabledDaysAgo * DAY) })
            .where('id', '=', id)
            .execute();
        return id;
      };
      const old = await account('old@retention.test', 31);
      const recent = await account('recent@retention.test', 29);
      const active = await account('active@retention.test', null);

      const run = await applyRetention(db, kind, { anonymiseDisabledAccounts });
      expect(run?.accountsAnonymised).toBe(1);
      const users = await db.selectFrom('users').select(['id', 'email', 'name', 'password_hash', 'anonymised_at']).orderBy('id').execute();
      const byId = new Map(users.map((u) => [u.id, u]));
      expect(byId.get(old)).toMatchObject({ name: `Удалённый пользователь №${old}`, email: `deleted-${old}@anonymised.invalid`, password_hash: null });
      expect(byId.get(recent)).toMatchObject({ email: 'recent@retention.test', anonymised_at: null });
      expect(byId.get(active)).toMatchObject({ email: 'active@retention.test', anonymised_at: null });
      const audited = await db.selectFrom('audit_log').select(['user_id', 'entity_id', 'details']).where('action', '=', 'account.anonymise').execute();
      expect(audited).toEqual([{ user_id: null, entity_id: String(old), details: { reason: 'retention' } }]);

      expect((await applyRetention(db, kind, { anonymiseDisabledAccounts }))?.accountsAnonymised).toBe(0);
    } finally {
      await database.close();
    }
  });
});
