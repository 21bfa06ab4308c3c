import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { staffPrincipal } from '../auth/hooks.js';
import type { Db } from '../db/connect.js';
import { ROLES } from '../shared/roles.js';
import { assertWaveVisible, schoolOfWave } from '../territory/assert.js';
import { inScope, type Caller } from '../territory/scope.js';
import { accessModes, activeOpenLinks } from '../admin/links/links.repository.js';
import { qrDataUrl, shortUrl } from '../admin/links/qr.js';
import { ParticipationEvents } from './participation-events.js';
import { participationCsv, participationXlsx } from './participation-export.js';
import { participationReport } from './participation-report.js';
import { RosterCache } from './roster-cache.js';
import { participationVersion, participationWave, schoolCounts, schoolTotals } from './participation.repository.js';
import { ParticipationReport, SchoolLinks, WaveParams, WaveSchoolParams } from './participation.schemas.js';

export interface ParticipationRoutesOptions {
  /** The address respondents reach; the links of a reminder start with it. */
  publicUrl: string;
}

/** The participation figures of the schools the caller may see: all of the region, a municipality, or one school. */
export async function loadParticipation(db: Db, rosters: RosterCache, caller: Caller, waveId: number) {
  await assertWaveVisible(db, caller, waveId);
  const wave = await participationWave(db, waveId);
  return participationReport(wave, await schoolCounts(db, rosters, wave, caller));
}

function attachment(reply: FastifyReply, filename: string, contentType: string) {
  reply.header('content-type', contentType);
  reply.header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  reply.header('cache-control', 'no-store');
}

/** The coordinator's live view of the participation target, its exports, and the links of a reminder. */
export const participationRoutes: FastifyPluginAsyncTypebox<ParticipationRoutesOptions> = async (app, { publicUrl }) => {
  const rosters = new RosterCache();
  const events = new ParticipationEvents(
    { version: (waveId) => participationVersion(app.db, waveId), schoolTotals: (waveId) => schoolTotals(app.db, waveId) },
    app.log,
  );
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
    async (req) => loadParticipation(app.db, rosters, staffPrincipal(req), req.params.waveId),
  );

  app.get('/api/waves/:waveId/participation/events', { schema: { params: WaveParams }, config: { access: 'staff' } }, async (req, reply) => {
    const caller = staffPrincipal(req);
    const wave = await assertWaveVisible(app.db, caller, req.params.waveId);
    reply.hijack();
    // The stream tells of the schools the caller's report shows, never of another school's answers.
    events.open(wave.id, reply.raw, (school) => inScope(caller, { regionId: wave.region_id, municipalityId: school.municipalityId, schoolId: school.schoolId }));
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/waves/:waveId/participation.${format}`, { schema: { params: WaveParams }, config: { access: 'staff' } }, async (req, reply) => {
      const report = await loadParticipation(app.db, rosters, staffPrincipal(req), req.params.waveId);
      const name = `participation-wave-${report.wave.id}-${report.generatedAt.slice(0, 10)}.${format}`;
      if (format === 'csv') {
        attachment(reply, name, 'text/csv; charset=utf-8');
        return reply.send(participationCsv(report));
      }
      attachment(reply, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(await participationXlsx(report));
    });
  }

  app.get(
    '/api/waves/:waveId/schools/:schoolId/links',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolLinks } }, config: { access: 'coordinator' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const { school } = await schoolOfWave(app.db, staffPrincipal(req), waveId, schoolId);
      const [links, modes] = await Promise.all([activeOpenLinks(app.db, waveId, schoolId), accessModes(app.db, waveId)]);
      const roles = await Promise.all(
        ROLES.map(async (role) => {
          const link = modes[role] === 'open' ? links.find((l) => l.role === role) : undefined;
          const url = link ? shortUrl(publicUrl, link.token) : null;
          return { role, mode: modes[role], url, qr: url ? await qrDataUrl(url) : null };
        }),
      );
      return { school: { id: school.ref.id, code: school.ref.code, name: school.ref.name }, roles };
    },
  );
};
