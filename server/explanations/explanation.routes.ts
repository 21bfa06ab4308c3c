import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { schoolProfile } from '../profiles/profiles.js';
import { storedModel } from '../profiles/wave-model.js';
import { notFound } from '../shared/errors.js';
import { ROLES } from '../shared/roles.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { explainFactor, needsDistribution, type ExplainInput } from './explain.js';
import { answerCounts, principalAnswers } from './explanation.repository.js';
import { ExplanationParams, FactorExplanation } from './explanation.schemas.js';
import { questionTexts } from './question-texts.js';
import { schoolOfWave } from './school-of-wave.js';

export interface ExplanationRoutesOptions {
  questionnaires: Questionnaires;
}

/** Why a factor of a school's profile is what it is; the same readers as the profile itself. */
export const explanationRoutes: FastifyPluginAsyncTypebox<ExplanationRoutesOptions> = async (app, { questionnaires }) => {
  const texts = questionTexts(questionnaires);

  app.get(
    '/api/waves/:waveId/schools/:schoolId/factors/:factorId/explanation',
    { schema: { params: ExplanationParams, response: { 200: FactorExplanation } }, config: { access: 'staff' } },
    async (req) => {
      const { waveId, schoolId, factorId } = req.params;
      const { wave, school } = await schoolOfWave(app.db, req.principal!, waveId, schoolId);
      const model = await storedModel(app.db, wave.model_id);
      const factor = model.factors.find((f) => f.id === factorId);
      if (!factor) throw notFound('factor_not_found', `The model "${model.id}" of wave ${waveId} has no factor "${factorId}"`);
      const profile = await schoolProfile(app.db, wave, school);
      const result = profile.factors.find((f) => f.id === factorId)!;

      const byId = new Map(result.indicators.map((r) => [r.id, r]));
      const counts: ExplainInput['counts'] = {};
      for (const role of ROLES) {
        const questions = factor.indicators.flatMap((i) =>
          i.role === role && i.kind !== 'ratio' && needsDistribution(i, byId.get(i.id)!) ? [i.question] : [],
        );
        if (questions.length > 0) counts[role] = await answerCounts(app.db, wave.id, school.ref.id, role, questions);
      }
      const principalResponses = factor.indicators.some((i) => i.role === 'principal') ? await principalAnswers(app.db, wave.id, school.ref.id) : [];

      return {
        school: { id: school.ref.id, code: school.ref.code, name: school.ref.name },
        wave: { id: wave.id, title: wave.title },
        model: profile.model,
        ...explainFactor({ model, factor, result, roles: profile.roles, texts, counts, principalResponses }),
      };
    },
  );
};
