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
import { AccountView, CreatedAccount, Invitation, NewAccount, Territories } from './accounts.schemas.js';

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
        details: { email: account.email, role: account.role },
      });
      return { account, token };
    });
    return reply.code(201).send({ account: result.account, invitePath: `/invite/${result.token}` });
  });

  app.post('/api/admin/accounts/:id/invitation', { schema: { params: IdParams, response: { 200: Invitation } }, config: { access: 'admin' } }, async (req) => {
    return app.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', req.params.id).executeTakeFirst();
      if (!user) throw notFound('account_not_found', `No account ${req.params.id}`);
      const token = await createInvitation(trx, user.id);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'account.invite', entity: 'user', entityId: user.id, details: { email: user.email } });
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
        if (!(await setDisabled(trx, req.params.id, disabled))) throw notFound('account_not_found', `No account ${req.params.id}`);
        await audit(trx, { userId: staffPrincipal(req).id, action: `account.${action}`, entity: 'user', entityId: req.params.id });
      });
      if (disabled) await deleteUserSessions(app.db, req.params.id);
      return { ok: true } as const;
    });
  }
};
