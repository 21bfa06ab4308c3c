import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { IdParams, REGION_ONLY_PERMISSIONS } from '../shared/vocabulary.js';
import { CreatedServiceToken, DEFAULT_LIFETIME_DAYS, DEFAULT_REQUESTS_PER_MINUTE, NewServiceToken, ServiceTokenView } from './tokens.schemas.js';
import { createServiceToken, revokeServiceToken, serviceTokensListed, type ListedServiceToken } from './tokens.repository.js';

function toView(token: ListedServiceToken, now = new Date()): ServiceTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    regionId: token.region_id,
    regionName: token.region_name,
    municipalityId: token.municipality_id,
    municipalityName: token.municipality_name,
    permissions: token.permissions,
    requestsPerMinute: token.requests_per_minute,
    createdAt: token.created_at.toISOString(),
    createdBy: token.created_by_email,
    expiresAt: token.expires_at.toISOString(),
    revokedAt: token.revoked_at?.toISOString() ?? null,
    lastUsedAt: token.last_used_at?.toISOString() ?? null,
    state: token.revoked_at ? 'revoked' : token.expires_at <= now ? 'expired' : 'active',
  };
}

async function viewOf(db: Db, id: number) {
  return toView(await serviceTokensListed(db).where('service_tokens.id', '=', id).executeTakeFirstOrThrow());
}

async function checkTerritory(db: Db, body: NewServiceToken) {
  const region = await db.selectFrom('regions').select('id').where('id', '=', body.regionId).executeTakeFirst();
  if (!region) throw badRequest('unknown_region', `No region ${body.regionId}`);
  if (body.municipalityId == null) return;
  const municipality = await db.selectFrom('municipalities').select('region_id').where('id', '=', body.municipalityId).executeTakeFirst();
  if (!municipality || municipality.region_id !== body.regionId) {
    throw badRequest('unknown_municipality', `No municipality ${body.municipalityId} in region ${body.regionId}`);
  }
  const regional = body.permissions.filter((permission) => REGION_ONLY_PERMISSIONS.includes(permission));
  if (regional.length > 0) {
    throw badRequest('token_permission_needs_region', `Only a region's token may hold ${regional.join(', ')}; leave the municipality out or drop these`);
  }
}

/** Service tokens: the administrator makes one per regional system, sees its secret once, and revokes it. */
export const serviceTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/tokens', { schema: { response: { 200: Type.Array(ServiceTokenView) } }, config: { access: 'admin' } }, async () =>
    (await serviceTokensListed(app.db).execute()).map((token) => toView(token)),
  );

  app.post(
    '/api/admin/tokens',
    { schema: { body: NewServiceToken, response: { 201: CreatedServiceToken } }, config: { access: 'admin' } },
    async (req, reply) => {
      const body = req.body;
      const name = body.name.trim();
      if (!name) throw badRequest('token_name_required', 'Name the system that will hold the token');
      await checkTerritory(app.db, body);
      const lifetimeDays = body.lifetimeDays ?? DEFAULT_LIFETIME_DAYS;
      const expiresAt = new Date(Date.now() + lifetimeDays * 24 * 3600 * 1000);
      const userId = staffPrincipal(req).id;
      const created = await app.db.transaction().execute(async (trx) => {
        const token = await createServiceToken(trx, {
          name,
          regionId: body.regionId,
          municipalityId: body.municipalityId ?? null,
          permissions: body.permissions,
          requestsPerMinute: body.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
          expiresAt,
          createdBy: userId,
        });
        await audit(trx, {
          userId,
          action: 'token.create',
          entity: 'service_token',
          entityId: token.id,
          details: { name, regionId: body.regionId, municipalityId: body.municipalityId ?? null, permissions: body.permissions, expiresAt },
        });
        return token;
      });
      return reply.code(201).send({ token: await viewOf(app.db, created.id), secret: created.secret });
    },
  );

  app.post('/api/admin/tokens/:id/revoke', { schema: { params: IdParams, response: { 200: ServiceTokenView } }, config: { access: 'admin' } }, async (req) => {
    const userId = staffPrincipal(req).id;
    await app.db.transaction().execute(async (trx) => {
      if (!(await revokeServiceToken(trx, req.params.id, userId))) {
        const exists = await trx.selectFrom('service_tokens').select('id').where('id', '=', req.params.id).executeTakeFirst();
        if (!exists) throw notFound('token_not_found', `No service token ${req.params.id}`);
        throw conflict('token_already_revoked', `Service token ${req.params.id} was revoked already`);
      }
      await audit(trx, { userId, action: 'token.revoke', entity: 'service_token', entityId: req.params.id });
    });
    return viewOf(app.db, req.params.id);
  });
};
