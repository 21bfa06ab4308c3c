import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/connect.js';
import { StartTickets, startTicketKey } from '../../server/respond/start-ticket.js';
import type { Role } from '../../server/shared/roles.js';
import { loadQuestionnaires, type Questionnaires } from '../../server/surveys/questionnaires.js';

const current = await loadQuestionnaires();

/**
 * The smallest answer that counts (docs/methodology.md §7): the first choice, or the lowest number, of just
 * enough scored questions. The lowest numbers keep every part within its total.
 */
export function countedAnswers(role: Role, questionnaires: Questionnaires = current): Record<string, unknown> {
  const { questions, minAnswered } = questionnaires[role].counting;
  const answers: Record<string, unknown> = {};
  for (const name of questions.slice(0, minAnswered)) {
    const spec = questionnaires[role].questions.get(name)!;
    answers[name] = spec.type === 'number' ? spec.min : spec.type === 'multi' ? [[...spec.values][0]] : [...spec.values][0];
  }
  return answers;
}

/**
 * Fills an answer up to the minimum that counts with «затрудняюсь ответить», which counts as answered and scores
 * nothing (docs/methodology.md §7, §2): hand-computed fixtures keep their expected figures.
 */
export function paddedWithDontKnow(role: Role, answers: Record<string, unknown>, questionnaires: Questionnaires = current): Record<string, unknown> {
  const { questions, minAnswered } = questionnaires[role].counting;
  const padded = { ...answers };
  let answered = questions.filter((name) => padded[name] !== undefined && padded[name] !== null).length;
  for (const name of questions) {
    if (answered >= minAnswered) break;
    const spec = questionnaires[role].questions.get(name)!;
    if (padded[name] !== undefined || spec.type === 'number' || !spec.values.has('dont_know')) continue;
    padded[name] = spec.type === 'multi' ? ['dont_know'] : 'dont_know';
    answered++;
  }
  return padded;
}

/**
 * A submission as the respondent page makes it: with a start ticket the server signed `secondsAgo` seconds ago (longer
 * than any questionnaire's time floor, so the answer is not marked as too fast) and a device id of its own.
 */
export async function honestSubmission(db: Db, link: { id: number }, answers: Record<string, unknown>, secondsAgo = 600) {
  const tickets = new StartTickets(await startTicketKey(db));
  return { answers, clientKey: randomUUID(), ticket: tickets.issue(link.id, Date.now() - secondsAgo * 1000), deviceId: randomUUID() };
}

let phones = 0;
/** A network address of its own for each simulated phone: phones on mobile networks do not share one address. */
export function phoneAddress(): string {
  phones++;
  return `10.${(phones >> 16) & 255}.${(phones >> 8) & 255}.${phones & 255}`;
}
