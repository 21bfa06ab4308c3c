import { percentile } from '../methodology/percentiles.js';
import { MIN_GROUP } from '../shared/rules/min-group.js';

/** How a factor's scores spread over a group of schools, and how many schools that rests on. */
export interface Distribution {
  schools: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}

/**
 * The quartiles of a group's scores (type 7, as everywhere in docs/methodology.md), or none of them when fewer than
 * five schools have a score: a comparison with fewer is noise, and a quartile of four schools is nearly one of them.
 * The number of schools is always given.
 */
export function distributionOf(scores: readonly number[]): Distribution {
  if (scores.length < MIN_GROUP) return { schools: scores.length, q1: null, median: null, q3: null };
  return { schools: scores.length, q1: percentile(scores, 0.25), median: percentile(scores, 0.5), q3: percentile(scores, 0.75) };
}
