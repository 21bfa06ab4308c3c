import type { IndicatorKind, IndicatorStat, Levels, ScoreInterval } from './model.js';

/**
 * docs/methodology.md §8: how far a figure could move had other members of the same school answered. Analytic and
 * deterministic — the same statistics give the same interval on every path and every run.
 */

/** z of a two-sided 80% normal interval: narrow enough to say something about a school of a hundred answers. */
export const Z = 1.2816;

/**
 * Below this share of Σ c², what is left of Σ c² − n·v² is the rounding of two sums of identical answers, not a
 * spread: calling it 0 keeps both statistics paths (whose sums differ in the last bits) at exactly the same se.
 */
const ROUNDING = 1e-10;

/**
 * A contribution's square for `sumSq`, defined so that PostgreSQL computes exactly the same without an error: it
 * refuses a product that underflows or overflows a double (an answer of 1e-300, or a ratio of 10000 to 1e-300, would
 * fail the region's whole aggregation), so squares of magnitudes outside [1e-150, 1e150] are 0 and Infinity.
 */
export function square(c: number): number {
  const a = Math.abs(c);
  return a < SQUARE_RANGE.min ? 0 : a > SQUARE_RANGE.max ? Infinity : c * c;
}

export const SQUARE_RANGE = { min: 1e-150, max: 1e150 } as const;

/**
 * The standard error of an indicator's value `v = sum / n`: sqrt(s²/n · fpc), with the sample variance s² from the
 * sums and the finite-population correction fpc = 1 − n/N for a roster of N (`population`, the role's expected
 * count). A role that answered in full (n ≥ N) and a single answer have none; nor has a `rate`, which counts the
 * whole roster rather than samples it: nobody is left who could have answered otherwise.
 */
export function valueSe(kind: IndicatorKind, { n, sum, sumSq }: IndicatorStat, population: number): number {
  if (kind === 'rate' || n < 2 || population <= n) return 0;
  // A square beyond a double: the spread is past measuring, and so the value's interval has no bounds.
  if (sumSq === Infinity) return Number.MAX_VALUE;
  const v = sum / n;
  const spread = sumSq - n * v * v;
  if (spread <= ROUNDING * sumSq) return 0;
  const variance = spread / (n - 1);
  return Math.sqrt((variance / n) * (1 - n / population));
}

/**
 * The standard deviation of an indicator's risk: the value's interval v ∓ z·se mapped through its risk function
 * (monotone, either way round, bounded to [0, 1]), as a half-width over z. Where the bound cuts the interval, the
 * risk cannot move as far as the value, and this is smaller than se times the slope.
 */
export function riskSd(value: number, se: number, risk: (value: number) => number): number {
  if (se === 0) return 0;
  const ends = [risk(value - Z * se), risk(value + Z * se)].map(unit);
  return Math.abs(ends[1]! - ends[0]!) / (2 * Z);
}

/**
 * A factor's score interval from its present indicators, taken as independent: the score Σ w·r / W has the
 * standard error sqrt(Σ (w/W)² · sd_r²), and the interval score ∓ z·se bounded to [0, 1].
 */
export function scoreInterval(score: number, present: Array<{ weight: number; riskSd: number }>): ScoreInterval {
  const total = present.reduce((sum, p) => sum + p.weight, 0);
  const se = Math.sqrt(present.reduce((sum, p) => sum + ((p.weight / total) * p.riskSd) ** 2, 0));
  return { low: unit(score - Z * se), high: unit(score + Z * se), se };
}

/**
 * «Пограничный»: the ends of the interval fall on different levels, that is some threshold t (medium or high) has
 * low < t ≤ high — a school whose score lies within the noise of a threshold could be on either side of it.
 */
export function isBorderline({ low, high }: ScoreInterval, levels: Levels): boolean {
  return [levels.medium, levels.high].some((t) => low < t && t <= high);
}

/**
 * The noise of a change between two scores with standard errors se1 and se2: a difference of two independent
 * estimates has the standard error sqrt(se1² + se2²), and a change counts when it is more than z of those.
 */
export function changeNoise(se1: number, se2: number): number {
  return Z * Math.hypot(se1, se2);
}

function unit(x: number): number {
  return Math.min(1, Math.max(0, x));
}
