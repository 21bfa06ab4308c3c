import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { staffPrincipal } from '../../auth/hooks.js';
import { reconcileLinks } from '../../links/links.repository.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { IdParams } from '../../shared/vocabulary.js';
import { schoolTerritory } from '../../territory/schools.repository.js';
import { freezeRosterIfStarted, lockRosterRow } from '../../territory/wave-roster.js';
import { MAX_COUNT } from '../roster/cell-values.js';
import { frozenExpected, isRosterFrozen, setFrozenExpected } from './roster-correction.repository.js';
import { lockWave } from './waves.repository.js';
import { ExpectedBody, ExpectedCorrected } from './waves.schemas.js';

/**
 * An administrator corrects one school × role's expected respondents in one wave that has opened (its roster is
 * frozen then, docs/methodology.md §7): participation, profiles and exports of that wave follow at once, and the
 * school list and every other wave stay as they are.
 */
export const rosterCorrectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch(
    '/api/admin/waves/:id/expected',
    { schema: { params: IdParams, body: ExpectedBody, response: { 200: ExpectedCorrected } }, config: { access: 'admin' } },
    async (req) => {
      const { schoolId, role, expected } = req.body;
      if (expected < 0) throw badRequest('expected_negative', `The expected number of respondents cannot be negative (got ${expected})`);
      if (expected > MAX_COUNT) throw badRequest('expected_too_large', `No school has ${expected} respondents of one role; at most ${MAX_COUNT}`);
      if (role === 'principal' && expected > 1) throw badRequest('expected_principal_not_0_1', 'A school expects one principal or none: 0 or 1');
      return app.db.transaction().execute(async (trx) => {
        const wave = await lockWave(trx, req.params.id);
        if (!wave) throw notFound('wave_not_found', `No wave ${req.params.id}`);
        const territory = await schoolTerritory(trx, schoolId);
        if (!territory) throw badRequest('unknown_school', `No school ${schoolId}`);
        if (territory.regionId !== wave.region_id) throw badRequest('school_of_another_region', `School ${schoolId} is not of the region of wave ${wave.id}`);
        await freezeRosterIfStarted(trx, wave);
        if (!(await isRosterFrozen(trx, wave.id))) {
          throw conflict('wave_not_started', `Wave ${wave.id} has not opened yet and counts the school list as it is: correct the school list instead`);
        }
        const previous = await frozenExpected(trx, wave.id, schoolId, role);
        if (previous === undefined) {
          throw conflict('school_not_in_wave_roster', `School ${schoolId} was added after wave ${wave.id} opened and is not part of it`);
        }
        const refused = (await lockRosterRow(trx, wave.id, schoolId, role))?.refused ?? 0;
        if (expected < refused) {
          throw conflict('expected_below_refused', `${refused} of this role refused the survey at school ${schoolId}; the expected count cannot be lower`, {
            refused,
          });
        }
        await setFrozenExpected(trx, wave.id, schoolId, role, expected);
        const links = await reconcileLinks(trx, wave);
        await audit(trx, {
          userId: staffPrincipal(req).id,
          action: 'wave.expected_correct',
          entity: 'wave',
          entityId: wave.id,
          details: { schoolId, role, from: previous, to: expected, linksCreated: links.created },
        });
        return { waveId: wave.id, schoolId, role, previous, expected, linksCreated: links.created };
      });
    },
  );
};
