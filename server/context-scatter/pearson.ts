/** Below this many schools a correlation says nothing worth printing. */
export const MIN_SCHOOLS_FOR_R = 5;

/**
 * Pearson's product-moment correlation of paired values: Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²). Null with fewer than
 * `MIN_SCHOOLS_FOR_R` pairs, or when either side is constant (the ratio is then 0/0).
 */
export function pearson(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  const n = pairs.length;
  if (n < MIN_SCHOOLS_FOR_R) return null;
  // Tested on the values themselves: the deviations of a constant side from its computed mean need not be exactly 0.
  if (pairs.every(([x]) => x === pairs[0][0]) || pairs.every(([, y]) => y === pairs[0][1])) return null;
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  // Rounding can carry |r| a hair past 1 for a perfectly linear set.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
