import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../audit/log.js';
import { staffPrincipal } from '../auth/hooks.js';
import { ApiError, badRequest, conflict } from '../shared/errors.js';
import { maxRefusals, REFUSALS_GRACE_DAYS, refusalsOpen } from '../shared/rules/participation-target.js';
import { schoolOfWave } from '../territory/assert.js';
import { lockRosterRow } from '../territory/wave-roster.js';
import { answeredAt, setRefused } from './refusals.repository.js';
import { RefusalsBody, RefusalsRecorded, WaveSchoolParams } from './refusals.schemas.js';

/**
 * Who records refusals: the school team for its own school, coordinators for their territory, the administrator.
 * A curator advises a school; it does not report its figures.
 */
function recordingStaff(req: Parameters<typeof staffPrincipal>[0]) {
  const caller = staffPrincipal(req);
  if (caller.role === 'curator') throw new ApiError(403, 'out_of_scope', 'Refusals are recorded by the school team and coordinators');
  return caller;
}

/**
 * Respondents who refused the survey, as a count per wave × school × role (docs/methodology.md §3): the target is
 * then measured against expected − refused. Every change is audited with its old and new value, and shown beside the
 * rate on every coordinator's screen, so a count entered to reach the target is visible to those who check it.
 */
export const refusalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/waves/:waveId/schools/:schoolId/refusals',
    { schema: { params: WaveSchoolParams, body: RefusalsBody, response: { 200: RefusalsRecorded } }, config: { access: 'staff' } },
    async (req) => {
      const caller = recordingStaff(req);
      const { role, refused } = req.body;
      if (refused < 0) throw badRequest('refused_negative', `The number of refusals cannot be negative (got ${refused})`);
      const { wave, school } = await schoolOfWave(app.db, caller, req.params.waveId, req.params.schoolId);
      if (!refusalsOpen(wave.opens_at, wave.closes_at, new Date())) {
        throw conflict('refusals_closed', `Refusals are recorded from the opening of wave ${wave.id} until ${REFUSALS_GRACE_DAYS} days after it closes`);
      }
      return app.db.transaction().execute(async (trx) => {
        const row = await lockRosterRow(trx, wave.id, school.ref.id, role);
        if (!row) throw conflict('school_not_in_wave_roster', `School ${school.ref.id} is not part of the roster of wave ${wave.id}`);
        const max = maxRefusals(row.expected, await answeredAt(trx, wave.id, school.ref.id, role));
        if (refused > max) {
          throw badRequest(
            'refused_above_max',
            `At most ${max} can have refused: ${row.expected} expected, of whom the others answered (refusals + answers ≤ expected)`,
            { max },
          );
        }
        if (refused !== row.refused) {
          await setRefused(trx, wave.id, school.ref.id, role, refused);
          await audit(trx, {
            userId: caller.id,
            action: 'wave.refusals_record',
            entity: 'school',
            entityId: school.ref.id,
            details: { waveId: wave.id, role, from: row.refused, to: refused },
          });
        }
        return { waveId: wave.id, schoolId: school.ref.id, role, previous: row.refused, refused, max };
      });
    },
  );
};
