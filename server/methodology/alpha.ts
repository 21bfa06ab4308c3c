/**
 * Sums over the respondents who answered every item of a scale: their number, Σx_i per item and Σx_i·x_j per pair
 * (`cross[i][j]`, symmetric, the diagonal Σx_i²). They add up over disjoint sets of respondents, so SQL computes
 * them and no respondent's answers leave the database.
 */
export interface ScaleSums {
  n: number;
  sum: number[];
  cross: number[][];
}

export interface ScaleReliability {
  /** Cronbach's α = k/(k − 1)·(1 − Σ var_i / var_total); null without variance of the total. */
  alpha: number | null;
  /** Per item: Pearson's r of the item with the sum of the other items; null where either has no variance. */
  itemRest: Array<number | null>;
}

/**
 * Cronbach's α and the item-rest correlations from the covariance matrix C of the items (sample covariances,
 * divisor n − 1): var_total = Σ_ij C_ij; for item i, cov(x_i, rest_i) = Σ_j C_ij − C_ii and
 * var(rest_i) = var_total − 2·Σ_j C_ij + C_ii (docs/methodology.md §9).
 */
export function scaleReliability({ n, sum, cross }: ScaleSums): ScaleReliability {
  const k = sum.length;
  if (k < 2 || n < 2) return { alpha: null, itemRest: sum.map(() => null) };
  const cov = sum.map((si, i) => sum.map((sj, j) => noiseToZero((cross[i]![j]! - (si * sj) / n) / (n - 1), cross[i]![j]! / n)));
  const rowSum = cov.map((row) => row.reduce((s, c) => s + c, 0));
  const total = rowSum.reduce((s, r) => s + r, 0);
  const itemVariances = cov.reduce((s, row, i) => s + row[i]!, 0);
  const alpha = total > 0 ? (k / (k - 1)) * (1 - itemVariances / total) : null;
  const itemRest = cov.map((row, i) => {
    const own = row[i]!;
    const rest = total - 2 * rowSum[i]! + own;
    return own > 0 && rest > 0 ? (rowSum[i]! - own) / Math.sqrt(own * rest) : null;
  });
  return { alpha, itemRest };
}

/**
 * A difference of sums that should be 0 (an item everybody answered alike) may come out as 1e-17: below a
 * relative 1e-12 of the mean product it is taken as 0, so that noise never reads as a correlation.
 */
function noiseToZero(value: number, scale: number): number {
  return Math.abs(value) <= 1e-12 * Math.max(1, Math.abs(scale)) ? 0 : value;
}
