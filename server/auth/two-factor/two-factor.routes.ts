import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { Done, IdParams } from '../../shared/vocabulary.js';
import { staffPrincipal } from '../hooks.js';
import { verifyPassword } from '../passwords.js';
import { codeStep, newTotpSecret, totpUri } from './totp.js';
import { confirmSecret, removeSecret, setPendingSecret, twoFactorOf } from './two-factor.repository.js';
import { TotpCode, TwoFactorSetup, TwoFactorStatus } from './two-factor.schemas.js';

/** A staff member turns the second factor on and off for their own account; an administrator resets another's. */
export const twoFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/auth/two-factor', { schema: { response: { 200: TwoFactorStatus } }, config: { access: 'staff' } }, async (req) => {
    const { totp_secret } = await twoFactorOf(app.db, staffPrincipal(req).id);
    return { enabled: totp_secret !== null };
  });

  app.post('/api/auth/two-factor/setup', { schema: { response: { 200: TwoFactorSetup } }, config: { access: 'staff' } }, async (req) => {
    const principal = staffPrincipal(req);
    if ((await twoFactorOf(app.db, principal.id)).totp_secret) throw conflict('two_factor_enabled', 'The second factor is already on; turn it off first');
    // A new secret at every setup: one shown on a screen someone else saw is replaced by opening the page again.
    const secret = newTotpSecret();
    await setPendingSecret(app.db, principal.id, secret);
    return { secret, uri: totpUri(secret, principal.email) };
  });

  app.post(
    '/api/auth/two-factor/enable',
    { schema: { body: Type.Object({ code: TotpCode }, { additionalProperties: false }), response: { 200: Done } }, config: { access: 'staff' } },
    async (req) => {
      const principal = staffPrincipal(req);
      const { totp_pending_secret: secret } = await twoFactorOf(app.db, principal.id);
      if (!secret) throw badRequest('two_factor_not_set_up', 'Start the setup first');
      const step = codeStep(secret, req.body.code);
      if (step === null) throw badRequest('wrong_code', 'The code does not match; check the time on the phone and try a fresh code');
      await app.db.transaction().execute(async (trx) => {
        await confirmSecret(trx, principal.id, secret, step);
        await audit(trx, { userId: principal.id, action: 'two_factor.enable', entity: 'user', entityId: principal.id });
      });
      return { ok: true } as const;
    },
  );

  app.post(
    '/api/auth/two-factor/disable',
    {
      schema: { body: Type.Object({ password: Type.String({ maxLength: 200 }) }, { additionalProperties: false }), response: { 200: Done } },
      config: { access: 'staff' },
    },
    async (req) => {
      const principal = staffPrincipal(req);
      // A session left open is not enough to take the second factor off: the password is asked again.
      if (!(await verifyPassword((await twoFactorOf(app.db, principal.id)).password_hash, req.body.password))) {
        throw badRequest('wrong_password', 'The current password is wrong');
      }
      await app.db.transaction().execute(async (trx) => {
        await removeSecret(trx, principal.id);
        await audit(trx, { userId: principal.id, action: 'two_factor.disable', entity: 'user', entityId: principal.id });
      });
      return { ok: true } as const;
    },
  );

  // For a lost phone: the account logs in with its password alone until its owner sets a new second factor up.
  app.post('/api/admin/accounts/:id/two-factor/reset', { schema: { params: IdParams, response: { 200: Done } }, config: { access: 'admin' } }, async (req) => {
    await app.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('users').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!exists) throw notFound('account_not_found', `No account ${req.params.id}`);
      const had = await removeSecret(trx, req.params.id);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'account.two_factor_reset', entity: 'user', entityId: req.params.id, details: { had } });
    });
    return { ok: true } as const;
  });
};
