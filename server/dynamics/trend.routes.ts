import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { figuresReleased } from '../disclosure/release.js';
import { schoolProfile } from '../profiles/profiles.js';
import { storedModel } from '../risk-models/stored-model.js';
import { SchoolParams, waveTerms } from '../shared/vocabulary.js';
import { assertSchoolInScope } from '../territory/assert.js';
import { startedWavesOfSchool } from './trend.repository.js';
import { SchoolTrend } from './trend.schemas.js';
import { trendFactors } from './trend.js';
import { wavesMeasuredAlike } from './waves-alike.js';

/** A school's factors across all its waves (docs/methodology.md §4), for the same readers as its profile and dynamics. */
export const trendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/schools/:schoolId/trend',
    { schema: { params: SchoolParams, response: { 200: SchoolTrend } }, config: { access: 'staff', token: ['profiles:read'] } },
    async (req) => {
      const { schoolId } = req.params;
      const caller = requestCaller(req);
      const territory = await assertSchoolInScope(app.db, caller, schoolId);
      const started = await startedWavesOfSchool(app.db, territory.regionId, schoolId);
      // One profile per wave, and none at all of a wave whose figures the caller may not see yet.
      const seen = await Promise.all(
        started.map(async ({ wave, school }) => {
          const [model, released] = await Promise.all([storedModel(app.db, wave.model_id), figuresReleased(app.db, wave, caller)]);
          return {
            wave: waveTerms(wave),
            model,
            factors: released ? (await schoolProfile(app.db, wave, school)).factors : null,
            releasesAt: released ? null : new Date(wave.closes_at).toISOString(),
          };
        }),
      );
      const alike = await Promise.all(started.slice(1).map(({ wave }, i) => wavesMeasuredAlike(app.db, started[i]!.wave, wave)));
      return {
        schoolId,
        waves: seen.map(({ wave, model, releasesAt }) => ({ wave, model: { id: model.id, title: model.title }, releasesAt })),
        factors: trendFactors(seen, alike),
      };
    },
  );
};
