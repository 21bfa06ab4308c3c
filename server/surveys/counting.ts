import type { Role } from '../shared/roles.js';

/** The share of its scored questions an answer must cover when surveys/counting.json does not say. */
export const DEFAULT_MIN_ANSWERED_SHARE = 0.5;

/** The fewest seconds a questionnaire takes to read and answer when surveys/counting.json does not say. */
export const DEFAULT_MIN_SECONDS = 30;

/**
 * surveys/counting.json (docs/methodology.md §7): how much of a questionnaire an answer must cover to count, and
 * the time under which nobody can have read it (measured by the server; a faster answer is marked).
 */
export interface CountingFile {
  minAnsweredShare?: Partial<Record<Role, number>>;
  minSeconds?: Partial<Record<Role, number>>;
}

/** One questionnaire's settings from counting.json. */
export interface CountingSettings {
  minAnsweredShare?: number;
  minSeconds?: number;
}

/**
 * What an answer must cover to count as a participant: at least `minAnswered` of `questions`, the questions
 * the risk model scores. Participation is the share of a school that took part, and an answer that says
 * nothing the profile can use would raise it without anyone having taken part.
 */
export interface CountingRule {
  questions: readonly string[];
  minAnswered: number;
  minSeconds: number;
}

/** Question names the model's indicators read, by role; read leniently, the model's own checks come later. */
export function scoredQuestions(model: unknown): Map<string, Set<string>> {
  const byRole = new Map<string, Set<string>>();
  const factors = (model as { factors?: unknown })?.factors;
  for (const factor of Array.isArray(factors) ? factors : []) {
    const indicators = (factor as { indicators?: unknown })?.indicators;
    for (const indicator of Array.isArray(indicators) ? (indicators as Array<Record<string, unknown>>) : []) {
      if (typeof indicator.role !== 'string') continue;
      const names = byRole.get(indicator.role) ?? new Set<string>();
      for (const key of ['question', 'numerator', 'denominator']) {
        if (typeof indicator[key] === 'string') names.add(indicator[key]);
      }
      byRole.set(indicator.role, names);
    }
  }
  return byRole;
}

/**
 * The rule of one questionnaire. A questionnaire the model does not score at all falls back to all its
 * questions, so an empty answer never counts. At least one answer is always needed, however small the share.
 */
export function countingRule(
  file: string,
  questions: readonly string[],
  scored: ReadonlySet<string> | undefined,
  { minAnsweredShare: share = DEFAULT_MIN_ANSWERED_SHARE, minSeconds = DEFAULT_MIN_SECONDS }: CountingSettings = {},
): CountingRule {
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) {
    throw new Error(`${file}: its minAnsweredShare in counting.json must be a number above 0 and at most 1, not ${JSON.stringify(share)}`);
  }
  if (!Number.isInteger(minSeconds) || minSeconds < 0 || minSeconds > 3600) {
    throw new Error(`${file}: its minSeconds in counting.json must be a whole number of seconds from 0 to 3600, not ${JSON.stringify(minSeconds)}`);
  }
  const counted = questions.filter((name) => scored?.has(name));
  const basis = counted.length > 0 ? counted : questions;
  return { questions: basis, minAnswered: Math.max(1, Math.ceil(share * basis.length)), minSeconds };
}

/** `null`, an absent answer and an empty list say nothing; «затрудняюсь ответить» is an answer (§7). */
export function isAnswered(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

export function answeredCount(rule: CountingRule, answers: Record<string, unknown>): number {
  let answered = 0;
  for (const name of rule.questions) if (isAnswered(answers[name])) answered++;
  return answered;
}
