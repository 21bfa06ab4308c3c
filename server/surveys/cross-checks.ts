import type { SurveyElement } from './questionnaires.js';

/** A number that is a part of another one's total: teachers of pension age among all teachers. */
export interface PartOfTotal {
  part: string;
  total: string;
}

/**
 * The one shape of SurveyJS expression validator the questionnaires use. The server must enforce what the page
 * enforces, and it does not evaluate SurveyJS expressions, so any other expression is refused at load time
 * rather than left to the browser alone.
 */
const PART_OF_TOTAL = /^\{(\w+)\} empty or \{(\w+)\} empty or \{\1\} <= \{\2\}$/;

export function crossChecksOf(element: SurveyElement, file: string): PartOfTotal[] {
  const validators = Array.isArray(element.validators) ? (element.validators as Array<{ type?: unknown; expression?: unknown }>) : [];
  return validators.flatMap((validator) => {
    if (validator.type !== 'expression') return [];
    const match = PART_OF_TOTAL.exec(String(validator.expression ?? '').trim());
    if (!match || match[1] !== element.name) {
      throw new Error(
        `${file}: question "${element.name}" has the expression validator ${JSON.stringify(validator.expression)}, which the server cannot check; ` +
          `the only form it knows is "{${element.name}} empty or {total} empty or {${element.name}} <= {total}"`,
      );
    }
    return [{ part: match[1], total: match[2]! }];
  });
}

export interface CrossCheckProblem {
  question: string;
  total: string;
  message: string;
}

/** Parts larger than their totals, when both were answered; a missing one leaves nothing to compare. */
export function checkPartsOfTotals(checks: readonly PartOfTotal[], answers: Record<string, unknown>): CrossCheckProblem[] {
  return checks.flatMap(({ part, total }) => {
    const p = answers[part];
    const t = answers[total];
    if (typeof p !== 'number' || typeof t !== 'number' || p <= t) return [];
    return [{ question: part, total, message: `question "${part}" (${p}) cannot be larger than question "${total}" (${t}), its total` }];
  });
}
