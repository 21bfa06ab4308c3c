import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import { badRequest, conflict } from '../../shared/errors.js';
import { cleanText, nameKey } from './columns.js';
import { insertRegion, listRegions, regionNames } from './regions.repository.js';
import { CreatedRegion, NewRegionBody, RegionList } from './roster.schemas.js';

/** Regions are created by hand: a roster file naming an unknown region is a typo far more often than a new region. */
export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/regions',
    { schema: { response: { 200: RegionList } }, config: { access: 'admin' } },
    async () => ({ regions: await listRegions(app.db) }),
  );

  app.post(
    '/api/admin/regions',
    { schema: { body: NewRegionBody, response: { 201: CreatedRegion } }, config: { access: 'admin' } },
    async (req, reply) => {
      const name = cleanText(req.body.name);
      if (!name) throw badRequest('region_name_empty', 'The region name is empty');
      const region = await app.db.transaction().execute(async (trx) => {
        // «Тверская область» and «тверская  область» would be one region to every roster file, so they are one here.
        const same = (await regionNames(trx)).find((r) => nameKey(r.name) === nameKey(name));
        if (same) throw conflict('region_exists', `The region "${same.name}" already exists`);
        const created = await insertRegion(trx, name);
        if (!created) throw conflict('region_exists', `The region "${name}" already exists`);
        await audit(trx, { userId: staffPrincipal(req).id, action: 'region.create', entity: 'region', entityId: created.id, details: { name } });
        return created;
      });
      return reply.code(201).send(region);
    },
  );
};
