import { auditExport } from '../audit/reads.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import { attachmentResponse, sendAttachment } from '../exports/attachment.js';
import { prioritiesOfSchools } from '../priorities/priorities.repository.js';
import { waveProfiles } from '../profiles/profiles.js';
import { assertWaveVisible } from '../territory/assert.js';
import { comparedWaves, waveToCompare } from './compared-waves.js';
import { profilesCsv, profilesXlsx } from './profiles-export.js';
import { regionPicture } from './region-picture.js';
import { WaveParams } from '../shared/vocabulary.js';
import { ProfilesExportQuery, RegionPicture, RegionPictureQuery } from './region-picture.schemas.js';
import { narrowPicture } from '../shared/rules/region-picture-filter.js';
import { badRequest } from '../shared/errors.js';
import type { WaveProfilesBody } from '../profiles/schemas.js';

/** A filter is refused, never ignored, when it names no municipality of the caller's schools: no file of other rows. */
function assertMunicipalityShown(body: WaveProfilesBody, municipalityId: number | undefined) {
  if (municipalityId !== undefined && !body.profiles.some((p) => p.school.municipality.id === municipalityId)) {
    throw badRequest('unknown_municipality', `Municipality ${municipalityId} has no schools in this picture`);
  }
}

/** The coordinator's picture of the schools of a territory, and the export of its profiles. */
export const regionPictureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/waves/:waveId/region-picture',
    {
      schema: { params: WaveParams, querystring: RegionPictureQuery, response: { 200: RegionPicture } },
      config: { access: 'coordinator', token: ['profiles:read'] },
    },
    async (req) => {
      const principal = requestCaller(req);
      const wave = await assertWaveVisible(app.db, principal, req.params.waveId);
      const { compareTo } = req.query;
      const other = compareTo === undefined ? null : await waveToCompare(app.db, principal, wave, compareTo);
      await assertFiguresReleased(app.db, principal, ...(other ? [wave, other] : [wave]));
      const current = await waveProfiles(app.db, wave, principal);
      const priorities = await prioritiesOfSchools(
        app.db,
        wave.id,
        current.profiles.map((p) => p.school.id),
      );
      assertMunicipalityShown(current, req.query.municipalityId);
      const whole = regionPicture(current, priorities, other && (await comparedWaves(app.db, principal, wave, current, other)));
      return narrowPicture(whole, req.query.municipalityId);
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/waves/:waveId/profiles.${format}`,
      {
        schema: { params: WaveParams, querystring: ProfilesExportQuery, response: attachmentResponse(format) },
        config: { access: 'coordinator', token: ['profiles:read'] },
      },
      async (req, reply) => {
        const caller = requestCaller(req);
        const wave = await assertWaveVisible(app.db, caller, req.params.waveId);
        await assertFiguresReleased(app.db, caller, wave);
        const whole = await waveProfiles(app.db, wave, caller);
        const { municipalityId } = req.query;
        assertMunicipalityShown(whole, municipalityId);
        const body = municipalityId === undefined ? whole : { ...whole, profiles: whole.profiles.filter((p) => p.school.municipality.id === municipalityId) };
        const generatedAt = new Date();
        const filename = `profiles-wave-${wave.id}-${generatedAt.toISOString().slice(0, 10)}.${format}`;
        const filter = body.profiles[0] && municipalityId !== undefined ? body.profiles[0].school.municipality.name : '';
        const file = format === 'csv' ? profilesCsv(body, generatedAt, filter) : await profilesXlsx(body, generatedAt, filter);
        await auditExport(app.db, req, { kind: 'profiles', format, entity: 'wave', entityId: wave.id });
        return sendAttachment(reply, { format, filename, body: file });
      },
    );
  }
};
