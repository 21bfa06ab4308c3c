import type { Answers, ChoiceValue, Indicator } from './model.js';

/** The value of "затрудняюсь ответить" in every questionnaire; it never counts as an answer. */
export const DONT_KNOW = 'dont_know';

/** The questions an indicator reads: a ratio two, numerator first; a rate none. */
export function questionsOf(indicator: Indicator): string[] {
  switch (indicator.kind) {
    case 'ratio':
      return [indicator.numerator, indicator.denominator];
    case 'rate':
      return [];
    default:
      return [indicator.question];
  }
}

/**
 * Returns what one response adds to an indicator's `sum`, or null when the response is
 * not in A (docs/methodology.md §2). The SQL path must mirror these rules:
 * - a choice answer is a non-empty string other than `dont_know`, or a finite number;
 *   choices match by their string form (`risk` keys are strings);
 * - a multi-select answer is an array; its `dont_know`/empty elements are dropped, and
 *   an array left empty is not answered;
 * - a share's `notApplicable` answers are dropped the same way, one by one from a list;
 * - a rate reads no answer: every response adds 1, and the engine scores the role's
 *   response count against its expected count instead (engine.ts scoreIndicator);
 * - numeric answers must be JSON numbers: SurveyJS stores rating, number inputs and
 *   numeric choices as numbers, and numeric strings are rejected so that the rule stays
 *   `jsonb_typeof(x) = 'number'` rather than a parser whose edge cases SQL can't match.
 */
export function contributionOf(indicator: Indicator): (answers: Answers) => number | null {
  switch (indicator.kind) {
    case 'share': {
      const hits = new Set(indicator.values.map(String));
      const notApplicable = new Set((indicator.notApplicable ?? []).map(String));
      return (answers) => {
        const chosen = chosenValues(answers[indicator.question]).filter((v) => !notApplicable.has(String(v)));
        if (chosen.length === 0) return null;
        return chosen.some((v) => hits.has(String(v))) ? 1 : 0;
      };
    }
    case 'mean':
      return (answers) => {
        const x = answers[indicator.question];
        return isNumber(x) ? x : null;
      };
    case 'choice': {
      const risk = new Map(Object.entries(indicator.risk));
      return (answers) => {
        const x = answers[indicator.question];
        return isChoiceAnswer(x) ? (risk.get(String(x)) ?? null) : null;
      };
    }
    case 'ratio':
      return (answers) => {
        const num = answers[indicator.numerator];
        const den = answers[indicator.denominator];
        return isNumber(num) && isNumber(den) && den > 0 ? num / den : null;
      };
    case 'rate':
      return () => 1;
  }
}

function chosenValues(answer: unknown): ChoiceValue[] {
  if (Array.isArray(answer)) return answer.filter(isChoiceAnswer);
  return isChoiceAnswer(answer) ? [answer] : [];
}

function isChoiceAnswer(x: unknown): x is ChoiceValue {
  return (typeof x === 'string' && x !== '' && x !== DONT_KNOW) || isNumber(x);
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
