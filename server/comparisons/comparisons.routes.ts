import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import type { RegionProfilesCache } from '../profiles/region-profiles-cache.js';
import { schoolOfWave } from '../territory/assert.js';
import { WaveSchoolParams, waveTerms } from '../shared/vocabulary.js';
import { compareSchool } from './compare-school.js';
import { SchoolComparisons } from './comparisons.schemas.js';
import { waveContext } from './wave-context.js';

/**
 * A school's factors against its region and its similar schools, for the same readers as its profile and once the
 * wave's figures are released. The distributions are of the whole region, whatever part of it the reader sees.
 */
export const comparisonRoutes: FastifyPluginAsyncTypebox<{ regions: RegionProfilesCache }> = async (app, { regions }) => {
  app.get(
    '/api/waves/:waveId/schools/:schoolId/comparisons',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolComparisons } }, config: { access: 'staff', token: ['profiles:read'] } },
    async (req) => {
      const caller = requestCaller(req);
      const { wave } = await schoolOfWave(app.db, caller, req.params.waveId, req.params.schoolId);
      await assertFiguresReleased(app.db, caller, wave);
      const [profiles, context] = await Promise.all([regions.profiles(app.db, wave), waveContext(app.db, wave)]);
      return { wave: waveTerms(wave), ...compareSchool(profiles, req.params.schoolId, context) };
    },
  );
};
