import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Updateable } from 'kysely';
import { audit } from '../../audit/log.js';
import { actorOf, requestCaller } from '../../auth/hooks.js';
import type { WaveTable } from '../../db/schema.js';
import { assertStaysClosed } from '../../disclosure/release.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { mayViewWavesOf } from '../../territory/scope.js';
import { accessModes, reconcileLinks } from '../../links/links.repository.js';
import { countWaveResponses, findWave, insertWave, listModels, listWaves, lockWave, modelExists, regionTimeZone, updateWave } from './waves.repository.js';
import { parseDay, waveDays, waveInstants } from '../../shared/rules/zoned-days.js';
import { Id, IdParams, TOKEN_PERMISSIONS } from '../../shared/vocabulary.js';
import { assertOperatorKnown } from '../../operator/operator.routes.js';
import { assertRegionOfCaller, assertSchoolInScope } from '../../territory/assert.js';
import { CreatedWave, CreateWaveBody, ModelView, toWaveView, UpdateWaveBody, WaveDetail, WaveView } from './waves.schemas.js';

type DatesBody = Pick<UpdateWaveBody, 'firstDay' | 'lastDay' | 'opensAt' | 'closesAt'>;

/**
 * The instants a request's dates mean: days of the region's zone (00:00 of the first day to 24:00 of the last), or
 * instants as a script gives them; what the request leaves out stays as it was.
 */
function datesOf(body: DatesBody, zone: string, before?: { opens_at: Date; closes_at: Date }): { opensAt: Date; closesAt: Date } {
  const byDays = body.firstDay !== undefined || body.lastDay !== undefined;
  if (byDays && (body.opensAt !== undefined || body.closesAt !== undefined)) {
    throw badRequest('wave_dates_mixed', 'Give the dates as days (firstDay, lastDay) or as instants (opensAt, closesAt), not both');
  }
  let dates: { opensAt?: Date; closesAt?: Date };
  if (byDays) {
    const was = before && waveDays(before.opens_at, before.closes_at, zone);
    const [firstDay, lastDay] = [body.firstDay ?? was?.firstDay, body.lastDay ?? was?.lastDay];
    for (const day of [firstDay, lastDay]) {
      if (day !== undefined && !parseDay(day)) throw badRequest('wave_day_invalid', `There is no such day: ${day}`);
    }
    dates = firstDay && lastDay ? waveInstants(firstDay, lastDay, zone) : {};
  } else {
    dates = { opensAt: body.opensAt ? new Date(body.opensAt) : before?.opens_at, closesAt: body.closesAt ? new Date(body.closesAt) : before?.closes_at };
  }
  const { opensAt, closesAt } = dates;
  if (!opensAt || !closesAt) throw badRequest('wave_dates_required', 'A wave needs its first and last day (firstDay, lastDay as YYYY-MM-DD)');
  if (closesAt <= opensAt) {
    throw badRequest('wave_dates_order', `The wave must close after it opens (opens ${opensAt.toISOString()}, closes ${closesAt.toISOString()})`);
  }
  return { opensAt, closesAt };
}

function cleanTitle(title: string) {
  const trimmed = title.trim();
  if (!trimmed) throw badRequest('wave_title_required', 'The wave needs a title');
  return trimmed;
}

const WAVES_MANAGE = ['waves:manage'] as const;

/** Waves: the administrator (or a region's service token) creates and edits them; every staff account lists its region's. */
export const waveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // With a school: only the waves of the school's region, so an administrator looking at a school is never offered another region's.
  const WavesQuery = Type.Object({ schoolId: Type.Optional(Id) }, { additionalProperties: false });
  app.get(
    '/api/waves',
    { schema: { querystring: WavesQuery, response: { 200: Type.Array(WaveView) } }, config: { access: 'staff', token: TOKEN_PERMISSIONS } },
    async (req) => {
      const caller = requestCaller(req);
      const region = req.query.schoolId === undefined ? null : (await assertSchoolInScope(app.db, caller, req.query.schoolId)).regionId;
      return (await listWaves(app.db))
        .filter((wave) => mayViewWavesOf(caller, wave.region_id) && (region === null || wave.region_id === region))
        .map(toWaveView);
    },
  );

  app.get('/api/admin/waves', { schema: { response: { 200: Type.Array(WaveView) } }, config: { access: 'admin' } }, async () =>
    (await listWaves(app.db)).map(toWaveView),
  );

  app.get('/api/admin/models', { schema: { response: { 200: Type.Array(ModelView) } }, config: { access: 'admin', token: WAVES_MANAGE } }, async () =>
    (await listModels(app.db)).map((m) => ({ id: m.id, title: m.title, createdAt: m.created_at.toISOString() })),
  );

  app.get(
    '/api/admin/waves/:id',
    { schema: { params: IdParams, response: { 200: WaveDetail } }, config: { access: 'admin', token: WAVES_MANAGE } },
    async (req) => {
      const wave = await findWave(app.db, req.params.id);
      if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
      assertRegionOfCaller(requestCaller(req), wave.region_id);
      return { ...toWaveView(wave), access: await accessModes(app.db, wave.id), responses: await countWaveResponses(app.db, wave.id) };
    },
  );

  app.post(
    '/api/admin/waves',
    { schema: { body: CreateWaveBody, response: { 201: CreatedWave } }, config: { access: 'admin', token: WAVES_MANAGE } },
    async (req, reply) => {
      const body = req.body;
      assertRegionOfCaller(requestCaller(req), body.regionId);
      const title = cleanTitle(body.title);
      const created = await app.db.transaction().execute(async (trx) => {
        await assertOperatorKnown(trx);
        const zone = await regionTimeZone(trx, body.regionId);
        if (!zone) throw badRequest('unknown_region', `No region ${body.regionId}; add it on the roster page first (POST /api/admin/regions)`);
        const { opensAt, closesAt } = datesOf(body, zone);
        if (!(await modelExists(trx, body.modelId)))
          throw badRequest('unknown_model', `No risk model "${body.modelId}"; GET /api/admin/models lists the available ones`);
        const { id } = await insertWave(trx, {
          region_id: body.regionId,
          title,
          opens_at: opensAt,
          closes_at: closesAt,
          target: body.target ?? 0.9,
          model_id: body.modelId,
        });
        const wave = (await findWave(trx, id))!;
        const links = await reconcileLinks(trx, wave);
        await audit(trx, {
          ...actorOf(req),
          action: 'wave.create',
          entity: 'wave',
          entityId: id,
          details: { regionId: body.regionId, title, opensAt, closesAt, target: body.target ?? 0.9, modelId: body.modelId, linksCreated: links.created },
        });
        return { wave, linksCreated: links.created };
      });
      return reply.code(201).send({ ...toWaveView(created.wave), linksCreated: created.linksCreated });
    },
  );

  app.patch(
    '/api/admin/waves/:id',
    { schema: { params: IdParams, body: UpdateWaveBody, response: { 200: WaveView } }, config: { access: 'admin', token: WAVES_MANAGE } },
    async (req) => {
      const body = req.body;
      const wave = await app.db.transaction().execute(async (trx) => {
        if (!(await lockWave(trx, req.params.id))) throw notFound('wave_not_found', `No wave ${req.params.id}`);
        const before = (await findWave(trx, req.params.id))!;
        assertRegionOfCaller(requestCaller(req), before.region_id);
        const { opensAt, closesAt } = datesOf(body, before.time_zone, before);
        await assertStaysClosed(trx, before, closesAt);
        // A wave that has ended may still be corrected (its dates, its title) without them.
        if (closesAt > new Date()) await assertOperatorKnown(trx);
        const patch: Updateable<WaveTable> = { opens_at: opensAt, closes_at: closesAt };
        if (body.title !== undefined) patch.title = cleanTitle(body.title);
        if (body.target !== undefined) patch.target = body.target;
        if (body.modelId !== undefined && body.modelId !== before.model_id) {
          if (!(await modelExists(trx, body.modelId)))
            throw badRequest('unknown_model', `No risk model "${body.modelId}"; GET /api/admin/models lists the available ones`);
          const responses = await countWaveResponses(trx, before.id);
          if (responses > 0) {
            throw conflict(
              'wave_has_responses',
              `The wave already has ${responses} responses scored with model "${before.model_id}"; the model can change only before the first response. Create a new wave to use "${body.modelId}".`,
            );
          }
          patch.model_id = body.modelId;
        }
        await updateWave(trx, before.id, patch);
        await audit(trx, {
          ...actorOf(req),
          action: 'wave.update',
          entity: 'wave',
          entityId: before.id,
          details: {
            before: { title: before.title, opensAt: before.opens_at, closesAt: before.closes_at, target: before.target, modelId: before.model_id },
            changes: body,
          },
        });
        return (await findWave(trx, before.id))!;
      });
      return toWaveView(wave);
    },
  );
};
