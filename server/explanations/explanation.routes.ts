import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../auth/hooks.js';
import { assertFiguresReleased } from '../disclosure/release.js';
import { hideSmallCountsOf } from '../disclosure/small-counts.js';
import { storedModel } from '../risk-models/stored-model.js';
import { notFound } from '../shared/errors.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { schoolOfWave } from '../territory/assert.js';
import { explainSchool } from './explain-school.js';
import { WaveSchoolParams } from '../shared/vocabulary.js';
import { ExplanationParams, FactorExplanation, SchoolExplanations } from './explanation.schemas.js';
import { questionTexts } from './question-texts.js';

/** Why the factors of a school's profile are what they are; the same readers as the profile itself. */
export const explanationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // In the words the wave's respondents read: its pinned questionnaires, not today's.
  const textsOf = async (wave: { questionnaires_id: string | null; model_id: string }) => questionTexts(await waveQuestionnaires(app.db, wave));

  app.get(
    '/api/waves/:waveId/schools/:schoolId/factors/:factorId/explanation',
    { schema: { params: ExplanationParams, response: { 200: FactorExplanation } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId, factorId } = req.params;
      const caller = staffPrincipal(req);
      const { wave, school } = await schoolOfWave(app.db, caller, waveId, schoolId);
      const model = await storedModel(app.db, wave.model_id);
      const factor = model.factors.find((f) => f.id === factorId);
      if (!factor) throw notFound('factor_not_found', `The model "${model.id}" of wave ${waveId} has no factor "${factorId}"`);
      await assertFiguresReleased(app.db, caller, wave);
      const { factors, ...about } = await explainSchool(app.db, wave, school, model, [factor], await textsOf(wave));
      return { ...about, ...hideSmallCountsOf(factors, caller)[0]! };
    },
  );

  app.get(
    '/api/waves/:waveId/schools/:schoolId/explanations',
    { schema: { params: WaveSchoolParams, response: { 200: SchoolExplanations } }, config: { access: 'staff' } },
    async (req) => {
      const caller = staffPrincipal(req);
      const { wave, school } = await schoolOfWave(app.db, caller, req.params.waveId, req.params.schoolId);
      await assertFiguresReleased(app.db, caller, wave);
      const model = await storedModel(app.db, wave.model_id);
      const explained = await explainSchool(app.db, wave, school, model, model.factors, await textsOf(wave));
      return { ...explained, factors: hideSmallCountsOf(explained.factors, caller) };
    },
  );
};
