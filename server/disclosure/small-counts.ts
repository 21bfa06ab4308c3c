import { isAnonymous, MIN_GROUP } from '../shared/rules/min-group.js';
import type { Caller } from '../territory/scope.js';

/**
 * docs/methodology.md §6 rule 1: the number of answers of an anonymous role's indicator is not shown below the
 * minimum group — beside the number of responses it would tell how many chose «затрудняюсь ответить». The
 * administrator sees it, as everything else in the database.
 */

interface Counted {
  role: string;
  n: number | null;
}

type Shown<I extends Counted> = Omit<I, 'n'> & { n: number | null };

export function hideSmallCounts<I extends Counted>(indicators: I[], caller: Caller): Array<Shown<I>> {
  if (caller.role === 'admin') return indicators;
  return indicators.map((i) => (isAnonymous(i.role) && i.n !== null && i.n < MIN_GROUP ? { ...i, n: null } : i));
}

/** The same for every indicator of a list of factors (a profile, or explanations). */
export function hideSmallCountsOf<F extends { indicators: Counted[] }>(
  factors: F[],
  caller: Caller,
): Array<Omit<F, 'indicators'> & { indicators: Array<Shown<F['indicators'][number]>> }> {
  return factors.map((f) => ({ ...f, indicators: hideSmallCounts(f.indicators, caller) }));
}
