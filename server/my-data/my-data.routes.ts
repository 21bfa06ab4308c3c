import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { badRequest } from '../shared/errors.js';
import { myData } from './my-data.repository.js';
import { MyData, MyDataChange } from './my-data.schemas.js';

/** «Мои данные»: a staff member sees what is kept about them and corrects their name. */
export const myDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/me/data', { schema: { response: { 200: MyData } }, config: { access: 'account' } }, async (req) => myData(app.db, staffPrincipal(req).id));

  app.put('/api/me/data', { schema: { body: MyDataChange, response: { 200: MyData } }, config: { access: 'account' } }, async (req) => {
    const principal = staffPrincipal(req);
    const name = req.body.name.trim();
    if (!name) throw badRequest('name_required', 'The name must not be empty');
    await app.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ name }).where('id', '=', principal.id).execute();
      // The fields changed, not their values: the log names people by id, never by what they are called.
      await audit(trx, { userId: principal.id, action: 'account.self_update', entity: 'user', entityId: principal.id, details: { fields: ['name'] } });
    });
    return myData(app.db, principal.id);
  });
};
