import { auditExport, auditLinkView } from '../audit/reads.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller, staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import type { Listen, StopListening } from '../db/notifications.js';
import { attachmentResponse, contentDisposition, sendAttachment } from '../exports/attachment.js';
import type { RespondentLinks } from '../links/respondent-links.js';
import { assertWaveVisible, schoolOfWave } from '../territory/assert.js';
import { inScope, type Caller } from '../territory/scope.js';
import { ParticipationEvents } from './participation-events.js';
import { filteredReport, participationCsv, participationXlsx } from './participation-export.js';
import { participationReport } from './participation-report.js';
import { RosterCache } from './roster-cache.js';
import { participationVersion, participationWave, schoolCounts, schoolTotals } from './participation.repository.js';
import { Role, WaveParams, WaveSchoolParams } from '../shared/vocabulary.js';
import { Type } from '@fastify/type-provider-typebox';
import { badRequest, notFound } from '../shared/errors.js';
import { qrPng } from '../links/qr.js';
import { ParticipationExportQuery, ParticipationReport, SchoolLinks } from './participation.schemas.js';

export interface ParticipationRoutesOptions {
  /** Where the links of a reminder come from. */
  respondentLinks: RespondentLinks;
  /** The database's notifications (PostgreSQL), when the server hears them. */
  listen?: Listen;
}

/** The participation figures of the schools the caller may see: all of the region, a municipality, or one school. */
export async function loadParticipation(db: Db, rosters: RosterCache, caller: Caller, waveId: number) {
  await assertWaveVisible(db, caller, waveId);
  const wave = await participationWave(db, waveId);
  return participationReport(wave, await schoolCounts(db, rosters, wave, caller));
}

/** The coordinator's live view of the participation target, its exports, and the links of a reminder. */
export const participationRoutes: FastifyPluginAsyncTypebox<ParticipationRoutesOptions> = async (app, { respondentLinks, listen }) => {
  const rosters = new RosterCache();
  const events = new ParticipationEvents(
    { version: (waveId) => participationVersion(app.db, waveId), schoolTotals: (waveId) => schoolTotals(app.db, waveId) },
    app.log,
  );
  // preClose, not onClose: the server waits for open streams before onClose hooks run.
  app.addHook('preClose', async () => events.close());
  if (listen) {
    // Another instance's answers are heard as they are stored; without the connection, polling alone finds them.
    let stop: StopListening | undefined;
    app.addHook('onReady', async () => {
      try {
        stop = await listen(
          'participation',
          (payload) => events.changed(Number(payload)),
          (error) => app.log.warn({ err: error }, 'participation notifications: connection lost, reconnecting'),
        );
        events.announced();
      } catch (error) {
        app.log.warn({ err: error }, 'participation notifications unavailable: the live view polls the database instead');
      }
    });
    app.addHook('onClose', async () => stop?.());
  }

  app.get(
    '/api/waves/:waveId/participation',
    {
      schema: { params: WaveParams, response: { 200: ParticipationReport } },
      // A region is a megabyte of nested JSON: the schema serializer took twice JSON.stringify's time on it.
      serializerCompiler: () => (data) => JSON.stringify(data),
      config: { access: 'staff', token: ['participation:read'] },
    },
    async (req) => loadParticipation(app.db, rosters, requestCaller(req), req.params.waveId),
  );

  // The stream is written to the socket (hijacked), so its schema only documents it for clients.
  const eventStream = {
    200: { description: "A change of the wave's figures: an event `change` with the school", content: { 'text/event-stream': { schema: { type: 'string' } } } },
  };
  app.get(
    '/api/waves/:waveId/participation/events',
    { schema: { params: WaveParams, response: eventStream }, config: { access: 'staff' } },
    async (req, reply) => {
      const caller = staffPrincipal(req);
      const wave = await assertWaveVisible(app.db, caller, req.params.waveId);
      reply.hijack();
      // The stream tells of the schools the caller's report shows, never of another school's answers.
      events.open(wave.id, reply.raw, (school) =>
        inScope(caller, { regionId: wave.region_id, municipalityId: school.municipalityId, schoolId: school.schoolId }),
      );
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/waves/:waveId/participation.${format}`,
      {
        schema: { params: WaveParams, querystring: ParticipationExportQuery, response: attachmentResponse(format) },
        config: { access: 'staff', token: ['participation:read'] },
      },
      async (req, reply) => {
        const whole = await loadParticipation(app.db, rosters, requestCaller(req), req.params.waveId);
        const { municipalityId } = req.query;
        if (municipalityId !== undefined && !whole.municipalities.some((m) => m.id === municipalityId)) {
          throw badRequest('unknown_municipality', `Municipality ${municipalityId} has no schools in this report`);
        }
        const { report, filter } = filteredReport(whole, req.query);
        const filename = `participation-wave-${report.wave.id}-${report.generatedAt.slice(0, 10)}.${format}`;
        const body = format === 'csv' ? participationCsv(report, filter) : await participationXlsx(report, filter);
        await auditExport(app.db, req, { kind: 'participation', format, entity: 'wave', entityId: report.wave.id, details: { municipalityId } });
        return sendAttachment(reply, { format, filename, body });
      },
    );
  }

  app.get(
    '/api/waves/:waveId/schools/:schoolId/links',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolLinks } }, config: { access: 'coordinator' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const { school } = await schoolOfWave(app.db, staffPrincipal(req), waveId, schoolId);
      const roles = await respondentLinks.ofSchool(waveId, schoolId);
      await auditLinkView(app.db, req, { kind: 'school_links', waveId, schoolId });
      return { school: { id: school.ref.id, code: school.ref.code, name: school.ref.name }, roles };
    },
  );

  const png = {
    200: { description: "The QR code of the role's open link, 600 px", content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
  };
  app.get(
    '/api/waves/:waveId/schools/:schoolId/links/:role/qr.png',
    { schema: { params: Type.Object({ ...WaveSchoolParams.properties, role: Role }), response: png }, config: { access: 'coordinator' } },
    async (req, reply) => {
      const { waveId, schoolId, role } = req.params;
      const { school } = await schoolOfWave(app.db, staffPrincipal(req), waveId, schoolId);
      const url = (await respondentLinks.ofSchool(waveId, schoolId)).find((r) => r.role === role)?.url;
      if (!url) throw notFound('link_not_found', 'The role has no open link in this school');
      await auditLinkView(app.db, req, { kind: 'qr_image', waveId, schoolId, role });
      return reply
        .header('content-type', 'image/png')
        .header('content-disposition', contentDisposition({ filename: `qr-${school.ref.code}-${role}.png` }))
        .header('cache-control', 'no-store')
        .send(await qrPng(url));
    },
  );
};
