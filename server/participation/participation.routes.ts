import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/connect.js';
import { assertSchoolInScope, assertWaveVisible } from '../auth/scope.js';
import { sendAttachment } from '../exports/attachment.js';
import type { RespondentLinks } from '../links/respondent-links.js';
import { notFound } from '../shared/errors.js';
import { ParticipationEvents } from './participation-events.js';
import { participationCsv, participationXlsx } from './participation-export.js';
import { participationReport } from './participation-report.js';
import { RosterCache } from './roster-cache.js';
import { participationVersion, participationWave, schoolCounts, schoolRef } from './participation.repository.js';
import { WaveParams, WaveSchoolParams } from '../shared/vocabulary.js';
import { ParticipationReport, SchoolLinks } from './participation.schemas.js';

export interface ParticipationRoutesOptions {
  /** Where the links of a reminder come from. */
  respondentLinks: RespondentLinks;
}

/** The participation figures of the schools the caller may see: all of the region, a municipality, or one school. */
export async function loadParticipation(db: Db, rosters: RosterCache, principal: Principal, waveId: number) {
  await assertWaveVisible(db, principal, waveId);
  const wave = await participationWave(db, waveId);
  return participationReport(wave, await schoolCounts(db, rosters, wave, principal));
}

/** The coordinator's live view of the participation target, its exports, and the links of a reminder. */
export const participationRoutes: FastifyPluginAsyncTypebox<ParticipationRoutesOptions> = async (app, { respondentLinks }) => {
  const rosters = new RosterCache();
  const events = new ParticipationEvents((waveId) => participationVersion(app.db, waveId), app.log);
  // preClose, not onClose: the server waits for open streams before onClose hooks run.
  app.addHook('preClose', async () => events.close());

  app.get(
    '/api/waves/:waveId/participation',
    {
      schema: { params: WaveParams, response: { 200: ParticipationReport } },
      // A region is a megabyte of nested JSON: the schema serializer took twice JSON.stringify's time on it.
      serializerCompiler: () => (data) => JSON.stringify(data),
      config: { access: 'staff' },
    },
    async (req) => loadParticipation(app.db, rosters, req.principal!, req.params.waveId),
  );

  app.get('/api/waves/:waveId/participation/events', { schema: { params: WaveParams }, config: { access: 'staff' } }, async (req, reply) => {
    await assertWaveVisible(app.db, req.principal!, req.params.waveId);
    reply.hijack();
    events.open(req.params.waveId, reply.raw);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/waves/:waveId/participation.${format}`, { schema: { params: WaveParams }, config: { access: 'staff' } }, async (req, reply) => {
      const report = await loadParticipation(app.db, rosters, req.principal!, req.params.waveId);
      const filename = `participation-wave-${report.wave.id}-${report.generatedAt.slice(0, 10)}.${format}`;
      return sendAttachment(reply, { format, filename, body: format === 'csv' ? participationCsv(report) : await participationXlsx(report) });
    });
  }

  app.get(
    '/api/waves/:waveId/schools/:schoolId/links',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolLinks } }, config: { access: 'coordinator' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const wave = await assertWaveVisible(app.db, req.principal!, waveId);
      const territory = await assertSchoolInScope(app.db, req.principal!, schoolId);
      if (territory.regionId !== wave.region_id) throw notFound('school_not_in_wave', `School ${schoolId} is not in the region of wave ${waveId}`);
      const [school, roles] = await Promise.all([schoolRef(app.db, schoolId), respondentLinks.ofSchool(waveId, schoolId)]);
      return { school, roles };
    },
  );
};
