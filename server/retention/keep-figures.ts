import type { Db } from '../db/connect.js';
import { MIN_BREAKDOWN_N } from '../explanations/explain.js';
import { answerCounts, principalAnswers } from '../explanations/explanation.repository.js';
import { collectStatsSql } from '../profiles/stats.sql.js';
import { storedModel } from '../risk-models/stored-model.js';
import { questionsOf } from '../scoring/answers.js';
import { ROLES } from '../shared/roles.js';
import { keepAnswerCounts, keepPrincipalAnswers } from '../explanations/kept-answers.js';
import { keepSchoolStats } from '../profiles/kept-stats.js';

/**
 * Keeps what a wave's views read from its answers, computed by the very functions those views call, so that they
 * serve the same figures once the answers are gone (docs/methodology.md, «Сроки хранения»):
 * - the scorer's statistics per school (|R| per role, { n, sum, sumSq } per indicator): profiles, dynamics, trend,
 *   comparisons, the region's picture and the exports are scored from them, with the wave's roster as it stands;
 * - the counts of each answer to the questions of the model's indicators that show a breakdown, for groups of at least
 *   the minimum of five: explanations;
 * - the principal's answers to the model's principal questions, which an explanation quotes.
 * Not the answers themselves, nor any other question. Participation is counted by its own table (purge-wave.ts).
 */
export async function keepFigures(db: Db, wave: { id: number; model_id: string }) {
  const model = await storedModel(db, wave.model_id);
  const answered = db.selectFrom('responses').select('school_id as id').distinct().where('wave_id', '=', wave.id);
  const stats = await collectStatsSql(db, model, wave.id, answered);
  await keepSchoolStats(db, wave.id, stats);

  const indicators = model.factors.flatMap((f) => f.indicators);
  const groups = await db.selectFrom('responses').select(['school_id', 'role']).distinct().where('wave_id', '=', wave.id).where('counted', '=', true).execute();
  for (const role of ROLES) {
    // Ratios and rates never show a breakdown (explanations/explain.ts `needsDistribution`).
    const questions = [...new Set(indicators.filter((i) => i.role === role && i.kind !== 'ratio' && i.kind !== 'rate').flatMap(questionsOf))];
    // A group of fewer than the minimum never shows a breakdown (§6), however its indicators come out: its counts,
    // which could be one person's answers, are not kept.
    const shown = groups.filter((g) => g.role === role && (stats.get(g.school_id)?.responses[role] ?? 0) >= MIN_BREAKDOWN_N);
    for (const { school_id } of shown) {
      await keepAnswerCounts(db, wave.id, school_id, role, await answerCounts(db, wave.id, school_id, role, questions));
    }
  }

  const principalQuestions = [...new Set(indicators.filter((i) => i.role === 'principal').flatMap(questionsOf))];
  for (const { school_id } of groups.filter((g) => g.role === 'principal')) {
    const answers = await principalAnswers(db, wave.id, school_id);
    const quoted = answers.map((a) => Object.fromEntries(principalQuestions.filter((q) => q in a).map((q) => [q, a[q]])));
    await keepPrincipalAnswers(db, wave.id, school_id, quoted);
  }
}
