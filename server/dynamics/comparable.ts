import { canonicalJson } from '../shared/canonical-json.js';
import { questionsOf } from '../scoring/answers.js';
import type { Factor, Indicator, RiskModel } from '../scoring/model.js';
import type { Questionnaires } from '../surveys/questionnaires.js';

/** The questionnaires each wave was answered with (docs/methodology.md §1): a question's words are part of what it measures. */
export interface AskedWith {
  earlier: Questionnaires;
  later: Questionnaires;
}

/**
 * docs/methodology.md §4, two waves pinned to different models: the factors whose scores mean the same in both,
 * so that a change of score is the school's and not the model's. A factor qualifies when both models have it under
 * the same id, with the same indicators defined identically (their titles and descriptions aside: wording is not
 * measurement) and the same effective thresholds. Given the waves' questionnaires, the questions its indicators read
 * must also be asked alike: the same words and choices (a reworded question is another measurement, even under one
 * model). With one model and no questionnaires every factor qualifies: a stored model never changes under its id.
 */
export function factorsMeasuredAlike(earlier: RiskModel, later: RiskModel, asked?: AskedWith): Set<string> {
  if (earlier.id === later.id && asked === undefined) return new Set(later.factors.map((f) => f.id));
  const before = new Map(earlier.factors.map((f) => [f.id, f]));
  return new Set(
    later.factors.flatMap((factor) => {
      const other = before.get(factor.id);
      return other && measurement(other, earlier, asked?.earlier) === measurement(factor, later, asked?.later) ? [factor.id] : [];
    }),
  );
}

/** What decides a factor's score and level, written so that equal definitions give equal text. */
function measurement(factor: Factor, model: RiskModel, questionnaires?: Questionnaires): string {
  const indicators = [...factor.indicators]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((indicator) => ({
      definition: definition(indicator),
      asked: questionnaires && questionsOf(indicator).map((name) => questionnaires[indicator.role].questions.get(name)?.element ?? null),
    }));
  return canonicalJson({ levels: factor.levels ?? model.levels, indicators });
}

/** An indicator without the words people read about it. */
function definition(indicator: Indicator): unknown {
  return Object.fromEntries(Object.entries(indicator).filter(([key]) => key !== 'title' && key !== 'description'));
}
