import { percentile, roundAnchors } from './percentiles.js';

/** The rule of a calibration proposal (docs/methodology.md §9). */
export const CALIBRATION = {
  /** Answers a school's value of an anonymous role must rest on to enter the percentiles; a principal answers once. */
  minAnswers: { anonymous: 10, principal: 1 },
  /** Fewer schools than this in the reference set give no proposal: a 90th percentile of a dozen schools is one school. */
  minSchools: 20,
  /** The percentiles that become the anchors when high values mean risk; 1 − each when high values are good. */
  best: 0.25,
  worst: 0.9,
} as const;

export interface Anchors {
  best: number;
  worst: number;
}

export interface Percentiles {
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

export type NoProposal = 'too-few-schools' | 'no-spread';

export function percentilesOf(values: readonly number[]): Percentiles {
  return {
    p10: percentile(values, 0.1),
    p25: percentile(values, 0.25),
    p50: percentile(values, 0.5),
    p75: percentile(values, 0.75),
    p90: percentile(values, 0.9),
  };
}

/**
 * Draft anchors from the schools' values: best at the 25th and worst at the 90th percentile, so a quarter of the
 * schools score no risk on the indicator and a tenth the full risk. When the indicator's current scale has high values
 * good (best > worst) the percentiles mirror: best at the 75th, worst at the 10th. The orientation is kept, the levels
 * of the factors are not touched: the anchors move, not the thresholds.
 */
export function proposeAnchors(values: readonly number[], current: Anchors): Anchors | NoProposal {
  if (values.length < CALIBRATION.minSchools) return 'too-few-schools';
  const highIsGood = current.best > current.worst;
  const best = percentile(values, highIsGood ? 1 - CALIBRATION.best : CALIBRATION.best);
  const worst = percentile(values, highIsGood ? 1 - CALIBRATION.worst : CALIBRATION.worst);
  if (best === worst) return 'no-spread';
  return roundAnchors(best, worst);
}
