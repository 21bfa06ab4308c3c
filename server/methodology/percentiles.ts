/**
 * The p-quantile of `values` by linear interpolation between closest ranks (Hyndman & Fan type 7, the default of R's
 * `quantile` and numpy's `percentile`): on the sorted values x[0..n−1], h = (n − 1)·p, and the quantile is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (docs/methodology.md §9).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 1)) throw new Error(`percentile ${p} is outside [0, 1]`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Rounds both anchors of a scale to two significant digits of their distance: 0.12 and 0.47 stay to the hundredth,
 * 2.31 and 4.06 go to the tenth, 12.4 and 61.8 to the unit. A scale's ends need no more precision than its spread
 * carries, and at least nine steps of it stay between them, so rounding never makes the two ends equal.
 */
export function roundAnchors(best: number, worst: number): { best: number; worst: number } {
  const spread = Math.abs(worst - best);
  if (spread === 0) return { best, worst };
  const decimals = 1 - Math.floor(Math.log10(spread));
  return { best: roundTo(best, decimals), worst: roundTo(worst, decimals) };
}

/** Rounded to `decimals` places (negative: to tens, hundreds), as a number that prints without binary noise. */
function roundTo(value: number, decimals: number): number {
  if (decimals >= 0) return Number(value.toFixed(Math.min(decimals, 100)));
  const unit = 10 ** -decimals;
  return Math.round(value / unit) * unit;
}
