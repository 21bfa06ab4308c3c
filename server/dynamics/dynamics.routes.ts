import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import { findPriorities } from '../priorities/priorities.repository.js';
import { schoolProfile } from '../profiles/profiles.js';
import { badRequest } from '../shared/errors.js';
import { schoolOfWave } from '../territory/assert.js';
import { wavesMeasuredAlike } from './waves-alike.js';
import { compareProfiles } from './compare.js';
import { earlierFirst } from './wave-order.js';
import { SchoolParams } from '../shared/vocabulary.js';
import { DynamicsQuery, SchoolDynamics } from './dynamics.schemas.js';

/** A school's change between two waves (docs/methodology.md §4), for the same readers as its profile. */
export const dynamicsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/schools/:schoolId/dynamics',
    { schema: { params: SchoolParams, querystring: DynamicsQuery, response: { 200: SchoolDynamics } }, config: { access: 'staff', token: ['profiles:read'] } },
    async (req) => {
      const { schoolId } = req.params;
      const { from, to } = req.query;
      if (from === to) throw badRequest('same_wave', 'Compare two different waves: from and to are the same');
      const caller = requestCaller(req);
      const a = await schoolOfWave(app.db, caller, from, schoolId);
      const b = await schoolOfWave(app.db, caller, to, schoolId);
      const [earlier, later] = earlierFirst(a.wave, b.wave);
      await assertFiguresReleased(app.db, caller, earlier, later);
      const [before, after, earlierPriorities, laterPriorities, alike] = await Promise.all([
        schoolProfile(app.db, earlier, a.school),
        schoolProfile(app.db, later, a.school),
        findPriorities(app.db, earlier.id, schoolId),
        findPriorities(app.db, later.id, schoolId),
        wavesMeasuredAlike(app.db, earlier, later),
      ]);
      const comparison = compareProfiles(before.factors, after.factors, (id) => alike.has(id));
      const worked = new Set(earlierPriorities.factorIds);
      return {
        school: a.school.ref,
        earlier: before.wave,
        later: after.wave,
        models: { earlier: before.model, later: after.model },
        sameModel: before.model.id === after.model.id,
        factors: comparison.factors.map((f) => ({ ...f, priority: worked.has(f.id) })),
        positiveChange: comparison.positiveChange,
        priorities: { earlier: earlierPriorities.factorIds, later: laterPriorities.factorIds },
      };
    },
  );
};
