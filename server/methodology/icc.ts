/** One school's sufficient statistics of an item's scores: how many, their sum and their sum of squares. */
export interface GroupSums {
  n: number;
  sum: number;
  sumSq: number;
}

export interface Icc {
  /** ICC(1): the share of the item's variance that lies between schools; negative when schools differ less than chance. */
  icc1: number;
  /** ICC(2) at `k`: the reliability of a school's mean of `k` answers (Spearman–Brown of ICC(1)). */
  icc2: number;
  /** The typical number of answers per school: the arithmetic mean N / J over the schools used. */
  k: number;
  /** n0 of the unbalanced one-way ANOVA, the group size ICC(1) is computed at. */
  n0: number;
  groups: number;
  answers: number;
}

/**
 * ICC(1) from the one-way ANOVA of the scores with schools as groups (docs/methodology.md §9). For J groups of n_j
 * scores, N = Σn_j:
 *   MSB = Σ n_j (ȳ_j − ȳ)² / (J − 1),  MSW = Σ_j Σ_i (y_ij − ȳ_j)² / (N − J),
 *   n0  = (N − Σ n_j² / N) / (J − 1),
 *   ICC(1) = (MSB − MSW) / (MSB + (n0 − 1)·MSW),
 *   ICC(2) = k·ICC(1) / (1 + (k − 1)·ICC(1)) at k = N / J.
 * Null when the ANOVA has no degrees of freedom (fewer than two groups, or one score per group) or no variance at all.
 */
export function iccFromGroups(groups: readonly GroupSums[]): Icc | null {
  const used = groups.filter((g) => g.n > 0);
  const J = used.length;
  const N = used.reduce((s, g) => s + g.n, 0);
  if (J < 2 || N <= J) return null;
  const mean = used.reduce((s, g) => s + g.sum, 0) / N;
  let ssb = 0;
  let ssw = 0;
  let sumNSq = 0;
  for (const g of used) {
    const m = g.sum / g.n;
    ssb += g.n * (m - mean) ** 2;
    // Within a school: Σy² − n·ȳ_j², never negative but for rounding.
    ssw += Math.max(0, g.sumSq - g.sum * m);
    sumNSq += g.n * g.n;
  }
  const msb = ssb / (J - 1);
  const msw = ssw / (N - J);
  const n0 = (N - sumNSq / N) / (J - 1);
  const denominator = msb + (n0 - 1) * msw;
  if (denominator <= 0) return null;
  const icc1 = (msb - msw) / denominator;
  const k = N / J;
  return { icc1, icc2: spearmanBrown(icc1, k), k, n0, groups: J, answers: N };
}

/** The reliability of a mean of k parallel measurements that each have reliability r. */
export function spearmanBrown(r: number, k: number): number {
  return (k * r) / (1 + (k - 1) * r);
}
