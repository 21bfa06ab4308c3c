import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { storedModel } from '../risk-models/stored-model.js';
import { ApiError, badRequest } from '../shared/errors.js';
import { schoolOfWave } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import { findPriorities, replacePriorities } from './priorities.repository.js';
import { WaveSchoolParams } from '../shared/vocabulary.js';
import { Priorities, PrioritiesBody } from './priorities.schemas.js';

/** The team chooses its own school's work; coordinators see the choice but do not make it for them. */
function mayEdit(caller: Caller, schoolId: number): boolean {
  return caller.role === 'admin' || (caller.role === 'school' && caller.schoolId === schoolId);
}

/** The risk factors a school works on after a wave: read by everyone who sees the profile, set by its team. */
export const priorityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/waves/:waveId/schools/:schoolId/priorities',
    { schema: { params: WaveSchoolParams, response: { 200: Priorities } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const caller = staffPrincipal(req);
      await schoolOfWave(app.db, caller, waveId, schoolId);
      const found = await findPriorities(app.db, waveId, schoolId);
      return { waveId, schoolId, factorIds: found.factorIds, chosenAt: found.chosenAt?.toISOString() ?? null, editable: mayEdit(caller, schoolId) };
    },
  );

  app.put(
    '/api/waves/:waveId/schools/:schoolId/priorities',
    { schema: { params: WaveSchoolParams, body: PrioritiesBody, response: { 200: Priorities } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      const principal = staffPrincipal(req);
      const { wave } = await schoolOfWave(app.db, principal, waveId, schoolId);
      if (!mayEdit(principal, schoolId)) throw new ApiError(403, 'forbidden', "Only the school's own team chooses its priorities");
      const model = await storedModel(app.db, wave.model_id);
      const known = new Set(model.factors.map((f) => f.id));
      const unknown = req.body.factorIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw badRequest('unknown_factor', `The model "${model.id}" of wave ${waveId} has no factor ${unknown.map((id) => `"${id}"`).join(', ')}`, { unknown });
      }
      const saved = await app.db.transaction().execute(async (trx) => {
        const before = await replacePriorities(trx, waveId, schoolId, req.body.factorIds, principal.id);
        await audit(trx, {
          userId: principal.id,
          action: 'priorities.update',
          entity: 'school',
          entityId: schoolId,
          details: { waveId, before, after: req.body.factorIds },
        });
        return findPriorities(trx, waveId, schoolId);
      });
      return { waveId, schoolId, factorIds: saved.factorIds, chosenAt: saved.chosenAt?.toISOString() ?? null, editable: true };
    },
  );
};
