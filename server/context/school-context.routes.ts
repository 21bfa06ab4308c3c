import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { SchoolParams } from '../shared/vocabulary.js';
import { assertSchoolInScope } from '../territory/assert.js';
import { SchoolContext } from './context.schemas.js';
import { storedIndicators, storedResults } from './context.repository.js';
import { contextYears, resultSeries } from './school-context.js';

export const schoolContextRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Whoever sees the school's profile sees what else is known about it: its team, municipality, region, curator.
  app.get(
    '/api/schools/:schoolId/context',
    { schema: { params: SchoolParams, response: { 200: SchoolContext } }, config: { access: 'staff', token: ['profiles:read'] } },
    async (req) => {
      const { schoolId } = req.params;
      await assertSchoolInScope(app.db, requestCaller(req), schoolId);
      const school = await app.db.selectFrom('schools').select(['id', 'code', 'name']).where('id', '=', schoolId).executeTakeFirstOrThrow();
      const [indicators, results] = await Promise.all([storedIndicators(app.db, [schoolId]), storedResults(app.db, [schoolId])]);
      return { school, years: contextYears(indicators), results: resultSeries(results) };
    },
  );
};
