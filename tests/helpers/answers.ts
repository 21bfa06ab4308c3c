import type { Role } from '../../server/shared/roles.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';

const questionnaires = await loadQuestionnaires();

/**
 * The smallest answer that counts (docs/methodology.md §7): the first choice, or the lowest number, of just
 * enough scored questions. The lowest numbers keep every part within its total.
 */
export function countedAnswers(role: Role): Record<string, unknown> {
  const { questions, minAnswered } = questionnaires[role].counting;
  const answers: Record<string, unknown> = {};
  for (const name of questions.slice(0, minAnswered)) {
    const spec = questionnaires[role].questions.get(name)!;
    answers[name] = spec.type === 'number' ? spec.min : spec.type === 'multi' ? [[...spec.values][0]] : [...spec.values][0];
  }
  return answers;
}
