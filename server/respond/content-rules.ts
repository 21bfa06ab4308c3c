import { type ApiError, unprocessable } from '../shared/errors.js';
import { answeredCount } from '../surveys/counting.js';
import { checkPartsOfTotals } from '../surveys/cross-checks.js';
import type { Questionnaire } from '../surveys/questionnaires.js';

/**
 * What an answer must say as a whole before it is stored and counted (docs/methodology.md §7), once each
 * answer on its own is valid: parts no larger than their totals, and enough scored questions answered.
 */
export function contentRefusal(questionnaire: Questionnaire, answers: Record<string, unknown>): ApiError | null {
  const inconsistent = checkPartsOfTotals(questionnaire.partsOfTotals, answers);
  if (inconsistent.length > 0) {
    return unprocessable('part_exceeds_total', inconsistent.map((p) => p.message).join('; '), inconsistent);
  }
  const { minAnswered, questions } = questionnaire.counting;
  const answered = answeredCount(questionnaire.counting, answers);
  if (answered < minAnswered) {
    return unprocessable(
      'too_few_answers',
      `Only ${answered} of the ${questions.length} scored questions are answered; answer at least ${minAnswered - answered} more (${minAnswered} in all) for the response to count`,
      { answered, required: minAnswered },
    );
  }
  return null;
}
