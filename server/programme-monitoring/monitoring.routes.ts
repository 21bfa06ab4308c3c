import { auditExport } from '../audit/reads.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import { earlierFirst } from '../dynamics/wave-order.js';
import { attachmentResponse, sendAttachment } from '../exports/attachment.js';
import { waveToCompare } from '../region-picture/compared-waves.js';
import { badRequest } from '../shared/errors.js';
import { WaveParams } from '../shared/vocabulary.js';
import { assertWaveVisible } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import { confirmedChange } from './confirmed-change.js';
import { confirmationCsv, confirmationXlsx, overviewCsv, overviewXlsx } from './monitoring-export.js';
import { ConfirmedChange, ConfirmedChangeQuery, ProgrammesOverview } from './monitoring.schemas.js';
import { programmesOverview } from './overview.js';

/**
 * The coordinator's follow-up of the programmes: where the schools of a wave stand with them, the curators' visits,
 * and the region's positive change confirmed by the work done (docs/methodology.md §11), each with its exports.
 */
export const programmeMonitoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function overview(caller: Caller, waveId: number) {
    return programmesOverview(app.db, await assertWaveVisible(app.db, caller, waveId), caller);
  }

  /** The region picture's refusals, and one of its own: the programmes confirmed are those of the earlier wave. */
  async function confirmation(caller: Caller, waveId: number, fromId: number) {
    const later = await assertWaveVisible(app.db, caller, waveId);
    const earlier = await waveToCompare(app.db, caller, later, fromId);
    if (earlierFirst(earlier, later)[0] !== earlier) {
      throw badRequest(
        'from_not_earlier',
        `Wave ${fromId} opened after wave ${waveId}: confirm a wave's change against a wave before it, whose programmes led to it`,
      );
    }
    await assertFiguresReleased(app.db, caller, later, earlier);
    return confirmedChange(app.db, caller, later, earlier);
  }

  app.get(
    '/api/waves/:waveId/programmes/overview',
    { schema: { params: WaveParams, response: { 200: ProgrammesOverview } }, config: { access: 'coordinator' } },
    async (req) => overview(staffPrincipal(req), req.params.waveId),
  );

  app.get(
    '/api/waves/:waveId/programmes/confirmed-change',
    { schema: { params: WaveParams, querystring: ConfirmedChangeQuery, response: { 200: ConfirmedChange } }, config: { access: 'coordinator' } },
    async (req) => confirmation(staffPrincipal(req), req.params.waveId, req.query.from),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/waves/:waveId/programmes/overview.${format}`,
      { schema: { params: WaveParams, response: attachmentResponse(format) }, config: { access: 'coordinator' } },
      async (req, reply) => {
        const body = await overview(staffPrincipal(req), req.params.waveId);
        const generatedAt = new Date();
        const filename = `programmes-wave-${body.wave.id}-${generatedAt.toISOString().slice(0, 10)}.${format}`;
        const file = format === 'csv' ? overviewCsv(body, generatedAt) : await overviewXlsx(body, generatedAt);
        await auditExport(app.db, req, { kind: 'programmes_overview', format, entity: 'wave', entityId: body.wave.id });
        return sendAttachment(reply, { format, filename, body: file });
      },
    );

    app.get(
      `/api/waves/:waveId/programmes/confirmed-change.${format}`,
      { schema: { params: WaveParams, querystring: ConfirmedChangeQuery, response: attachmentResponse(format) }, config: { access: 'coordinator' } },
      async (req, reply) => {
        const body = await confirmation(staffPrincipal(req), req.params.waveId, req.query.from);
        const generatedAt = new Date();
        const filename = `confirmed-change-wave-${body.later.id}-from-${body.earlier.id}-${generatedAt.toISOString().slice(0, 10)}.${format}`;
        const file = format === 'csv' ? confirmationCsv(body, generatedAt) : await confirmationXlsx(body, generatedAt);
        await auditExport(app.db, req, { kind: 'confirmed_change', format, entity: 'wave', entityId: body.later.id, details: { fromWaveId: body.earlier.id } });
        return sendAttachment(reply, { format, filename, body: file });
      },
    );
  }
};
