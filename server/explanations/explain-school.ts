import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { schoolProfile } from '../profiles/profiles.js';
import { questionsOf } from '../scoring/answers.js';
import type { Factor, RiskModel } from '../scoring/model.js';
import { ROLES } from '../shared/roles.js';
import type { WaveSchool } from '../territory/wave-roster.js';
import { explainFactor, needsDistribution, type ExplainInput } from './explain.js';
import { answerCounts, principalAnswers } from './explanation.repository.js';
import { answersPurged } from '../db/answers-purged.js';
import { keptAnswerCounts, keptPrincipalAnswers } from './kept-answers.js';
import type { SchoolExplanations } from './explanation.schemas.js';
import type { QuestionTexts } from './question-texts.js';

/**
 * Explains `factors` of a school's profile in a wave from one profile, one count per role of the
 * answers whose indicators pass the privacy rule, and one read of the principal's answers: every
 * factor at once costs about what a single one does.
 */
export async function explainSchool(
  db: Db,
  wave: WaveInRegion,
  school: WaveSchool,
  model: RiskModel,
  factors: Factor[],
  texts: QuestionTexts,
): Promise<SchoolExplanations> {
  const profile = await schoolProfile(db, wave, school);
  const results = new Map(profile.factors.map((f) => [f.id, f]));
  const indicatorResults = new Map(profile.factors.flatMap((f) => f.indicators.map((r) => [r.id, r])));
  const indicators = factors.flatMap((f) => f.indicators);

  // A purged wave's answers are gone; what was kept of them gives the same counts (server/retention/keep-figures.ts).
  const purged = await answersPurged(db, wave.id);
  const countsOf = purged ? keptAnswerCounts : answerCounts;
  const principalOf = purged ? keptPrincipalAnswers : principalAnswers;
  const counts: ExplainInput['counts'] = {};
  for (const role of ROLES) {
    const questions = indicators.flatMap((i) => (i.role === role && needsDistribution(i, indicatorResults.get(i.id)!) ? questionsOf(i) : []));
    if (questions.length > 0) counts[role] = await countsOf(db, wave.id, school.ref.id, role, [...new Set(questions)]);
  }
  const asksPrincipal = (factor: Factor) => factor.indicators.some((i) => i.role === 'principal');
  const principalResponses = factors.some(asksPrincipal) ? await principalOf(db, wave.id, school.ref.id) : [];

  return {
    school: { id: school.ref.id, code: school.ref.code, name: school.ref.name },
    wave: { id: wave.id, title: wave.title },
    model: profile.model,
    factors: factors.map((factor) =>
      explainFactor({
        model,
        factor,
        result: results.get(factor.id)!,
        roles: profile.roles,
        texts,
        counts,
        principalResponses: asksPrincipal(factor) ? principalResponses : [],
      }),
    ),
  };
}
