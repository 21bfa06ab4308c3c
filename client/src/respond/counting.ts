import type { LinkInfo } from './api';

/**
 * How many more of the counted questions the respondent must answer before the answers count
 * (docs/methodology.md §7). The same rule as the server's, which has the final say: checked here
 * only so that nobody sends a questionnaire that would be refused.
 */
export function missingAnswers(counting: LinkInfo['counting'], answers: Record<string, unknown>): number {
  const answered = counting.questions.filter((name) => {
    const value = answers[name];
    return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  }).length;
  return Math.max(0, counting.minAnswered - answered);
}
