import { describe, expect, it } from 'vitest';
import { scaleReliability, type ScaleSums } from '../../server/methodology/alpha.js';
import { iccFromGroups, spearmanBrown, type GroupSums } from '../../server/methodology/icc.js';
import { percentile, roundAnchors } from '../../server/methodology/percentiles.js';
import { proposeAnchors } from '../../server/methodology/proposal.js';

/** The sufficient statistics of groups of scores, as the SQL aggregate gives them. */
const groups = (...scores: number[][]): GroupSums[] =>
  scores.map((g) => ({ n: g.length, sum: g.reduce((s, y) => s + y, 0), sumSq: g.reduce((s, y) => s + y * y, 0) }));

/** The sums of a respondents × items matrix, as the SQL aggregate gives them. */
function sumsOf(rows: number[][]): ScaleSums {
  const k = rows[0]!.length;
  const range = [...Array(k).keys()];
  return {
    n: rows.length,
    sum: range.map((i) => rows.reduce((s, r) => s + r[i]!, 0)),
    cross: range.map((i) => range.map((j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0))),
  };
}

describe('percentiles, type 7 (linear between closest ranks)', () => {
  it('matches values computed by hand', () => {
    const ten = [7, 1, 10, 4, 2, 9, 3, 6, 8, 5];
    // h = (n − 1)·p: 0.9 → 1 + 0.9·1; 2.25 → 3 + 0.25·1; 4.5 → 5.5; 8.1 → 9 + 0.1·1.
    expect(percentile(ten, 0.1)).toBeCloseTo(1.9, 12);
    expect(percentile(ten, 0.25)).toBeCloseTo(3.25, 12);
    expect(percentile(ten, 0.5)).toBeCloseTo(5.5, 12);
    expect(percentile(ten, 0.9)).toBeCloseTo(9.1, 12);
    // 0.1 0.2 0.4 0.5: h = 0.75 → 0.1 + 0.75·0.1; h = 2.7 → 0.4 + 0.7·0.1.
    expect(percentile([0.2, 0.5, 0.1, 0.4], 0.25)).toBeCloseTo(0.175, 12);
    expect(percentile([0.2, 0.5, 0.1, 0.4], 0.9)).toBeCloseTo(0.47, 12);
    expect(percentile([3], 0.9)).toBe(3);
    expect(percentile([1, 2], 0)).toBe(1);
    expect(percentile([1, 2], 1)).toBe(2);
  });

  it('rounds anchors to two significant digits of their spread', () => {
    expect(roundAnchors(0.1712, 0.4687)).toEqual({ best: 0.17, worst: 0.47 });
    expect(roundAnchors(2.31, 4.06)).toEqual({ best: 2.3, worst: 4.1 });
    expect(roundAnchors(12.4, 61.8)).toEqual({ best: 12, worst: 62 });
    expect(roundAnchors(0.0123, 0.0871)).toEqual({ best: 0.012, worst: 0.087 });
    expect(roundAnchors(40, 190)).toEqual({ best: 40, worst: 190 });
  });
});

describe('the calibration proposal', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);

  it('puts best at P25 and worst at P90 when high is risk', () => {
    // P25: h = 19·0.25 = 4.75 → 5.75; P90: h = 17.1 → 18.1; spread 12.35 → whole numbers.
    expect(proposeAnchors(oneToTwenty, { best: 0, worst: 1 })).toEqual({ best: 6, worst: 18 });
  });

  it('mirrors them, best at P75 and worst at P10, when high is good', () => {
    // P75: h = 14.25 → 15.25; P10: h = 1.9 → 2.9.
    expect(proposeAnchors(oneToTwenty, { best: 5, worst: 1 })).toEqual({ best: 15, worst: 3 });
  });

  it('refuses a proposal from fewer than 20 schools or without spread', () => {
    expect(proposeAnchors(oneToTwenty.slice(1), { best: 0, worst: 1 })).toBe('too-few-schools');
    expect(proposeAnchors(new Array(30).fill(0.5), { best: 0, worst: 1 })).toBe('no-spread');
  });
});

describe('ICC from the one-way ANOVA', () => {
  it('balanced: three schools of two answers', () => {
    // Means 2, 5, 8, grand mean 5: MSB = 2·(9 + 0 + 9)/2 = 18; MSW = (2 + 2 + 2)/3 = 2; n0 = 2.
    // ICC(1) = (18 − 2)/(18 + 1·2) = 0.8; ICC(2) at k = 2 = 1.6/1.8 = (MSB − MSW)/MSB.
    const icc = iccFromGroups(groups([1, 3], [4, 6], [7, 9]))!;
    expect(icc.icc1).toBeCloseTo(0.8, 12);
    expect(icc.n0).toBeCloseTo(2, 12);
    expect(icc.k).toBe(2);
    expect(icc.icc2).toBeCloseTo(16 / 18, 12);
    expect(icc).toMatchObject({ groups: 3, answers: 6 });
  });

  it('unbalanced: schools of 3, 2 and 4 answers', () => {
    // Means 2, 5, 5, grand mean 36/9 = 4: SSB = 3·4 + 2·1 + 4·1 = 18, MSB = 9; SSW = 2 + 2 + 20 = 24, MSW = 24/6 = 4;
    // n0 = (9 − (9 + 4 + 16)/9)/2 = 26/9; ICC(1) = 5/(9 + (17/9)·4) = 45/149; k = 3: ICC(2) = 3·ICC1/(1 + 2·ICC1) = 135/239.
    const icc = iccFromGroups(groups([1, 2, 3], [4, 6], [2, 4, 6, 8]))!;
    expect(icc.n0).toBeCloseTo(26 / 9, 12);
    expect(icc.icc1).toBeCloseTo(45 / 149, 12);
    expect(icc.k).toBe(3);
    expect(icc.icc2).toBeCloseTo(135 / 239, 12);
  });

  it('is negative when schools differ less than chance, and absent without degrees of freedom or variance', () => {
    // Equal means 2 and 2: MSB = 0, MSW = (2 + 2)/4 = 1, n0 = 3: ICC(1) = −1/(0 + 2) = −0.5.
    expect(iccFromGroups(groups([1, 2, 3], [1, 2, 3]))!.icc1).toBeCloseTo(-0.5, 12);
    expect(iccFromGroups(groups([1, 2, 3]))).toBeNull();
    expect(iccFromGroups(groups([1], [2], [3]))).toBeNull();
    expect(iccFromGroups(groups([1, 1], [1, 1]))).toBeNull();
  });

  it('Spearman–Brown', () => {
    expect(spearmanBrown(0.2, 10)).toBeCloseTo(2 / 2.8, 12);
  });
});

describe("Cronbach's α and item-rest correlations", () => {
  // Four respondents × three items. Variances 5/3, 2/3, 2; totals 4, 6, 8, 12 with variance 35/3.
  const matrix = [
    [1, 1, 2],
    [2, 2, 2],
    [3, 2, 3],
    [4, 3, 5],
  ];

  it('matches the hand computation on a 4 × 3 matrix', () => {
    const { alpha, itemRest } = scaleReliability(sumsOf(matrix));
    // α = 3/2 · (1 − (13/3)/(35/3)) = 33/35.
    expect(alpha).toBeCloseTo(33 / 35, 12);
    // Item 1 with rest 3, 4, 5, 8: cov 8/3, var 5/3 and 14/3 → 8/√70; item 2: 6/√42; item 3: 8/√78.
    expect(itemRest[0]).toBeCloseTo(8 / Math.sqrt(70), 12);
    expect(itemRest[1]).toBeCloseTo(6 / Math.sqrt(42), 12);
    expect(itemRest[2]).toBeCloseTo(8 / Math.sqrt(78), 12);
  });

  it('gives no correlation for an item without variance, and no α without variance of the total', () => {
    const { itemRest } = scaleReliability(sumsOf(matrix.map(([a, b]) => [a!, b!, 1])));
    expect(itemRest[2]).toBeNull();
    expect(
      scaleReliability(
        sumsOf([
          [1, 1, 1],
          [1, 1, 1],
        ]),
      ).alpha,
    ).toBeNull();
  });
});
