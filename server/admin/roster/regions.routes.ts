import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { cleanText, nameKey } from './columns.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../shared/rules/zoned-days.js';
import { IdParams } from '../../shared/vocabulary.js';
import { insertRegion, listRegions, regionNames, setRegionTimeZone } from './regions.repository.js';
import { CreatedRegion, NewRegionBody, RegionList, RegionPatch } from './roster.schemas.js';

function checkedZone(zone: string): string {
  if (!isTimeZone(zone)) throw badRequest('time_zone_unknown', `Unknown time zone "${zone}": give an IANA name such as Europe/Moscow or Asia/Vladivostok`);
  return zone;
}

/** Regions are created by hand: a roster file naming an unknown region is a typo far more often than a new region. */
export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/regions', { schema: { response: { 200: RegionList } }, config: { access: 'admin' } }, async () => ({
    regions: await listRegions(app.db),
  }));

  app.post('/api/admin/regions', { schema: { body: NewRegionBody, response: { 201: CreatedRegion } }, config: { access: 'admin' } }, async (req, reply) => {
    const name = cleanText(req.body.name);
    if (!name) throw badRequest('region_name_empty', 'The region name is empty');
    const timeZone = checkedZone(req.body.timeZone ?? DEFAULT_TIME_ZONE);
    const region = await app.db.transaction().execute(async (trx) => {
      // «Тверская область» and «тверская  область» would be one region to every roster file, so they are one here.
      const same = (await regionNames(trx)).find((r) => nameKey(r.name) === nameKey(name));
      if (same) throw conflict('region_exists', `The region "${same.name}" already exists`);
      const created = await insertRegion(trx, name, timeZone);
      if (!created) throw conflict('region_exists', `The region "${name}" already exists`);
      await audit(trx, { userId: staffPrincipal(req).id, action: 'region.create', entity: 'region', entityId: created.id, details: { name, timeZone } });
      return created;
    });
    return reply.code(201).send(region);
  });

  // Waves keep their instants when the zone changes: only how their days and times are written follows it.
  app.patch(
    '/api/admin/regions/:id',
    { schema: { params: IdParams, body: RegionPatch, response: { 200: CreatedRegion } }, config: { access: 'admin' } },
    async (req) => {
      const timeZone = checkedZone(req.body.timeZone);
      return app.db.transaction().execute(async (trx) => {
        const before = await setRegionTimeZone(trx, req.params.id, timeZone);
        if (before === undefined) throw notFound('region_not_found', `No region ${req.params.id}`);
        await audit(trx, {
          userId: staffPrincipal(req).id,
          action: 'region.update',
          entity: 'region',
          entityId: req.params.id,
          details: { timeZone: { before: before.time_zone, after: timeZone } },
        });
        return { id: req.params.id, name: before.name, timeZone };
      });
    },
  );
};
