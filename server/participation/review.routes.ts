import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { waveClosed } from '../disclosure/release.js';
import { staffPrincipal } from '../auth/hooks.js';
import { conflict } from '../shared/errors.js';
import { MIN_GROUP } from '../shared/rules/min-group.js';
import { WaveSchoolParams } from '../shared/vocabulary.js';
import { schoolOfWave } from '../territory/assert.js';
import { decideMarked, schoolMarks } from './review.repository.js';
import { ReviewDecision, ReviewOutcome, SchoolMarks } from './review.schemas.js';

/**
 * Marked answers (docs/methodology.md §7): what a school × role has, and the coordinator's decision to count or
 * exclude them. Participation, profiles and exports follow the decision at once; every decision is audited.
 */
export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/waves/:waveId/schools/:schoolId/marks',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolMarks } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId } = req.params;
      await schoolOfWave(app.db, staffPrincipal(req), waveId, schoolId);
      return schoolMarks(app.db, waveId, schoolId);
    },
  );

  app.post(
    '/api/waves/:waveId/schools/:schoolId/marks/decision',
    { schema: { params: WaveSchoolParams, body: ReviewDecision, response: { 200: ReviewOutcome } }, config: { access: 'coordinator' } },
    async (req) => {
      const caller = staffPrincipal(req);
      const { waveId, schoolId } = req.params;
      const { role, decision } = req.body;
      const { wave } = await schoolOfWave(app.db, caller, waveId, schoolId);
      const closed = await waveClosed(app.db, wave);
      return app.db.transaction().execute(async (trx) => {
        const outcome = await decideMarked(trx, { waveId, schoolId, role }, decision, ({ changed }) => {
          // Released figures moved by a handful of answers would show the school those answers (§6).
          if (closed && changed > 0 && changed < MIN_GROUP) {
            throw conflict(
              'decision_too_small',
              `The wave has closed and its figures are released; a decision must change at least ${MIN_GROUP} answers or none, and this one would change ${changed}`,
              { changed, minimum: MIN_GROUP },
            );
          }
        });
        await audit(trx, {
          userId: caller.id,
          action: 'marks.decision',
          entity: 'school',
          entityId: schoolId,
          details: { waveId, role, decision, ...outcome },
        });
        return outcome;
      });
    },
  );
};
