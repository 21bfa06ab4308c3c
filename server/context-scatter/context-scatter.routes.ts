import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestCaller } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import type { RegionProfilesCache } from '../profiles/region-profiles-cache.js';
import { inScope } from '../territory/scope.js';
import { storedModel } from '../risk-models/stored-model.js';
import { badRequest } from '../shared/errors.js';
import { waveTerms, WaveParams } from '../shared/vocabulary.js';
import { assertWaveVisible } from '../territory/assert.js';
import { ContextResults, Scatter, ScatterQuery } from './context-scatter.schemas.js';
import { availableResults, defaultYear, resultsOfYear, yearsOfResult } from './results.repository.js';
import { scatter } from './scatter.js';

/**
 * The region's scatter of a risk factor against an assessment result (issue #14): coordinators of the territory and
 * the administrator; a school team and a curator see their own school's results elsewhere.
 */
export const contextScatterRoutes: FastifyPluginAsyncTypebox<{ regions: RegionProfilesCache }> = async (app, { regions }) => {
  app.get(
    '/api/waves/:waveId/context/results',
    {
      schema: { params: WaveParams, response: { 200: ContextResults } },
      config: { access: 'coordinator', token: ['profiles:read'] },
    },
    async (req) => {
      const caller = requestCaller(req);
      const wave = await assertWaveVisible(app.db, caller, req.params.waveId);
      const model = await storedModel(app.db, wave.model_id);
      const results = await availableResults(app.db, wave, caller);
      return {
        wave: waveTerms(wave),
        factors: model.factors.map((f) => ({ id: f.id, title: f.title })),
        results: results.map((r) => ({ ...r, defaultYear: defaultYear(r.years, wave) })),
      };
    },
  );

  app.get(
    '/api/waves/:waveId/context/scatter',
    {
      schema: { params: WaveParams, querystring: ScatterQuery, response: { 200: Scatter } },
      config: { access: 'coordinator', token: ['profiles:read'] },
    },
    async (req) => {
      const caller = requestCaller(req);
      const wave = await assertWaveVisible(app.db, caller, req.params.waveId);
      const { factor: factorId, procedure, subject, grade, measure = 'mean' } = req.query;
      const factor = (await storedModel(app.db, wave.model_id)).factors.find((f) => f.id === factorId);
      if (!factor) throw badRequest('unknown_factor', `The model of wave ${wave.id} has no factor ${factorId}`);
      await assertFiguresReleased(app.db, caller, wave);
      const key = { procedure, subject, grade };
      const year = req.query.year ?? defaultYear(await yearsOfResult(app.db, wave, caller, key), wave);
      const results = year === null ? [] : await resultsOfYear(app.db, wave, caller, key, year);
      const region = await regions.profiles(app.db, wave);
      const territory = (p: (typeof region.profiles)[number]) =>
        inScope(caller, { regionId: wave.region_id, municipalityId: p.school.municipality.id, schoolId: p.school.id });
      const profiles = { ...region, profiles: region.profiles.filter(territory) };
      return scatter(profiles, { id: factor.id, title: factor.title }, { ...key, year, measure }, results, req.query.municipalityId ?? null);
    },
  );
};
