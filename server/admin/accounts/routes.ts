import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { createAccount, normaliseEmail } from '../../auth/accounts.js';
import { staffPrincipal } from '../../auth/hooks.js';
import { createInvitation } from '../../auth/invitations.repository.js';
import { deleteUserSessions } from '../../auth/sessions.repository.js';
import { findUserByEmail } from '../../auth/users.repository.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { Done, IdParams } from '../../shared/vocabulary.js';
import { listAccounts, listTerritories, scopeExists, setDisabled } from './accounts.repository.js';
import { AccountChange, AccountView, CreatedAccount, Invitation, NewAccount, Territories } from './accounts.schemas.js';
import { anonymiseAccount } from './anonymise.js';
import type { Db } from '../../db/connect.js';

const SCOPE_OF = {
  region: { field: 'regionId', table: 'regions' },
  curator: { field: 'regionId', table: 'regions' },
  municipality: { field: 'municipalityId', table: 'municipalities' },
  school: { field: 'schoolId', table: 'schools' },
} as const;

/** Accounts are created by invitation: the administrator passes on a one-time link, never a password. */
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/accounts', { schema: { response: { 200: Type.Array(AccountView) } }, config: { access: 'admin' } }, async () =>
    (await listAccounts(app.db)).map((account) => ({ ...account, createdAt: account.createdAt.toISOString() })),
  );

  app.get('/api/admin/territories', { schema: { response: { 200: Territories } }, config: { access: 'admin' } }, async () => listTerritories(app.db));

  app.post('/api/admin/accounts', { schema: { body: NewAccount, response: { 201: CreatedAccount } }, config: { access: 'admin' } }, async (req, reply) => {
    const body = req.body;
    if (body.role !== 'admin' && body.role !== 'security') {
      const scope = SCOPE_OF[body.role];
      const id = body[scope.field];
      if (!id) throw badRequest('scope_required', `An account of role ${body.role} needs ${scope.field}`);
      if (!(await scopeExists(app.db, scope.table, id))) throw badRequest('scope_not_found', `No ${scope.table} with id ${id}`);
    }
    if (await findUserByEmail(app.db, body.email)) throw conflict('email_taken', `An account ${normaliseEmail(body.email)} already exists`);
    const result = await app.db.transaction().execute(async (trx) => {
      const account = await createAccount(trx, body);
      const token = await createInvitation(trx, account.id);
      await audit(trx, {
        userId: staffPrincipal(req).id,
        action: 'account.create',
        entity: 'user',
        entityId: account.id,
        details: { role: account.role },
      });
      return { account, token };
    });
    return reply.code(201).send({ account: result.account, invitePath: `/invite/${result.token}` });
  });

  app.post('/api/admin/accounts/:id/invitation', { schema: { params: IdParams, response: { 200: Invitation } }, config: { access: 'admin' } }, async (req) => {
    return app.db.transaction().execute(async (trx) => {
      const user = await liveAccount(trx, req.params.id);
      const token = await createInvitation(trx, user.id);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'account.invite', entity: 'user', entityId: user.id });
      return { invitePath: `/invite/${token}` };
    });
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/api/admin/accounts/:id/${action}`, { schema: { params: IdParams, response: { 200: Done } }, config: { access: 'admin' } }, async (req) => {
      if (disabled && req.params.id === staffPrincipal(req).id) throw badRequest('cannot_disable_self', 'You cannot disable your own account');
      await app.db.transaction().execute(async (trx) => {
        await liveAccount(trx, req.params.id);
        await setDisabled(trx, req.params.id, disabled);
        await audit(trx, { userId: staffPrincipal(req).id, action: `account.${action}`, entity: 'user', entityId: req.params.id });
      });
      if (disabled) await deleteUserSessions(app.db, req.params.id);
      return { ok: true } as const;
    });
  }

  app.put(
    '/api/admin/accounts/:id',
    { schema: { params: IdParams, body: AccountChange, response: { 200: Done } }, config: { access: 'admin' } },
    async (req) => {
      const body = req.body;
      await app.db.transaction().execute(async (trx) => {
        const user = await liveAccount(trx, req.params.id);
        const change: { name?: string; region_id?: number; municipality_id?: number; school_id?: number } = {};
        if (body.name !== undefined) change.name = body.name.trim();
        const given = (['regionId', 'municipalityId', 'schoolId'] as const).filter((field) => body[field] !== undefined);
        if (given.length > 0) {
          const scope = user.role === 'admin' || user.role === 'security' ? null : SCOPE_OF[user.role];
          if (!scope || given.length > 1 || given[0] !== scope.field) {
            throw badRequest('scope_mismatch', `An account of role ${user.role} takes ${scope ? scope.field : 'no territory'}`);
          }
          const id = body[scope.field]!;
          if (!(await scopeExists(trx, scope.table, id))) throw badRequest('scope_not_found', `No ${scope.table} with id ${id}`);
          change[({ regionId: 'region_id', municipalityId: 'municipality_id', schoolId: 'school_id' } as const)[scope.field]] = id;
        }
        if (Object.keys(change).length === 0) throw badRequest('nothing_to_change', 'Give a name or a territory');
        await trx.updateTable('users').set(change).where('id', '=', user.id).execute();
        await audit(trx, {
          userId: staffPrincipal(req).id,
          action: 'account.update',
          entity: 'user',
          entityId: user.id,
          details: { fields: Object.keys(change) },
        });
      });
      return { ok: true } as const;
    },
  );

  app.post('/api/admin/accounts/:id/anonymise', { schema: { params: IdParams, response: { 200: Done } }, config: { access: 'admin' } }, async (req) => {
    await app.db.transaction().execute(async (trx) => {
      await anonymiseAccount(trx, req.params.id);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'account.anonymise', entity: 'user', entityId: req.params.id });
    });
    return { ok: true } as const;
  });
};

/** An account that can still be changed: an anonymised one is only a name in the audit log. */
async function liveAccount(db: Db, id: number) {
  const user = await db.selectFrom('users').select(['id', 'role', 'anonymised_at']).where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('account_not_found', `No account ${id}`);
  if (user.anonymised_at) throw conflict('already_anonymised', `Account ${id} is anonymised`);
  return user;
}
