import { canonicalJson } from '../shared/canonical-json.js';
import type { Factor, Indicator, RiskModel } from '../scoring/model.js';

/**
 * docs/methodology.md §4, two waves pinned to different models: the factors whose scores mean the same in both,
 * so that a change of score is the school's and not the model's. A factor qualifies when both models have it under
 * the same id, with the same indicators defined identically (their titles and descriptions aside: wording is not
 * measurement) and the same effective thresholds. With one model every factor qualifies: a stored model never
 * changes under its id.
 */
export function factorsMeasuredAlike(earlier: RiskModel, later: RiskModel): Set<string> {
  if (earlier.id === later.id) return new Set(later.factors.map((f) => f.id));
  const before = new Map(earlier.factors.map((f) => [f.id, f]));
  return new Set(
    later.factors.flatMap((factor) => {
      const other = before.get(factor.id);
      return other && measurement(other, earlier) === measurement(factor, later) ? [factor.id] : [];
    }),
  );
}

/** What decides a factor's score and level, written so that equal definitions give equal text. */
function measurement(factor: Factor, model: RiskModel): string {
  const indicators = [...factor.indicators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(definition);
  return canonicalJson({ levels: factor.levels ?? model.levels, indicators });
}

/** An indicator without the words people read about it. */
function definition(indicator: Indicator): unknown {
  return Object.fromEntries(Object.entries(indicator).filter(([key]) => key !== 'title' && key !== 'description'));
}
