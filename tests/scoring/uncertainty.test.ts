import { describe, expect, it } from 'vitest';
import type { ChoiceIndicator, MeanIndicator, ShareIndicator } from '../../server/scoring/model.js';
import { changeNoise, isBorderline, riskSd, scoreInterval, valueSe, Z } from '../../server/scoring/uncertainty.js';
import { answersTo, modelWith, onlyFactor, profileOf } from './model-fixtures.js';

// Every expected number below is worked out by hand in the comment beside it (docs/methodology.md §8).

const parentShare: ShareIndicator = { id: 'share', role: 'parent', kind: 'share', question: 'p_q', values: ['no'], weight: 1 };
const teacherMean: MeanIndicator = { id: 'mean', role: 'teacher', kind: 'mean', question: 't_q', best: 0, worst: 10, weight: 1 };
const principalChoice: ChoiceIndicator = { id: 'choice', role: 'principal', kind: 'choice', question: 'd_q', risk: { a: 0.67, b: 0 }, weight: 1 };

/** 2 of 5 parents answer "no": n 5, sum 2, sumSq 2, value 0.4, s² = (2 − 5·0.4²) / 4 = 0.3. */
const twoOfFive = answersTo('p_q', ['no', 'no', 'yes', 'yes', 'yes']);
/** Teachers answer 2, 4, 6, 8, 10: sum 30, sumSq 220, value 6, s² = (220 − 5·36) / 4 = 10. */
const spreadOut = answersTo('t_q', [2, 4, 6, 8, 10]);
/** minRate 0, so that 5 answers of 120 count and only the roster's size is at stake. */
const anyRate = { minRate: 0 };

describe(valueSe.name, () => {
  it('shrinks with the finite-population correction: 5 answers of 120 parents against 5 of 6', () => {
    const stat = { n: 5, sum: 2, sumSq: 2 };
    // 120: fpc = 1 − 5/120 = 115/120; se = sqrt(0.3/5 · 115/120) = sqrt(0.0575) ≈ 0.2398.
    expect(valueSe('share', stat, 120)).toBeCloseTo(Math.sqrt(0.0575), 12);
    expect(valueSe('share', stat, 120)).toBeCloseTo(0.239792, 6);
    // 6: fpc = 1/6; se = sqrt(0.06 / 6) = 0.1.
    expect(valueSe('share', stat, 6)).toBeCloseTo(0.1, 12);
    // The whole roster answered (or more than it, or the roster is unknown): nothing is left to sample.
    expect(valueSe('share', stat, 5)).toBe(0);
    expect(valueSe('share', stat, 4)).toBe(0);
    expect(valueSe('share', stat, 0)).toBe(0);
  });

  it('is 0 for one answer, for answers that are all alike, and for a rate', () => {
    expect(valueSe('mean', { n: 1, sum: 7, sumSq: 49 }, 30)).toBe(0);
    // 0.1 six times: Σc² − n·v² comes out 2e-17, which is rounding, not spread.
    const tenths = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const sum = tenths.reduce((a, b) => a + b, 0);
    const sumSq = tenths.reduce((a, b) => a + b * b, 0);
    expect(sumSq - 6 * (sum / 6) ** 2).toBeGreaterThan(0);
    expect(valueSe('mean', { n: 6, sum, sumSq }, 30)).toBe(0);
    // A rate counts the roster (responses / expected): it is not a sample.
    expect(valueSe('rate', { n: 5, sum: 2, sumSq: 2 }, 120)).toBe(0);
  });
});

describe(riskSd.name, () => {
  it('is se times the slope of the risk scale where the bound does not cut the interval, either way round', () => {
    // value 6 ± 1.2816·1 on best 0, worst 10: risk 0.6 ± 0.12816, half-width / z = 0.1.
    expect(riskSd(6, 1, (v) => v / 10)).toBeCloseTo(0.1, 12);
    // best 10, worst 0: the same spread.
    expect(riskSd(6, 1, (v) => (10 - v) / 10)).toBeCloseTo(0.1, 12);
    expect(riskSd(6, 0, (v) => v / 10)).toBe(0);
  });

  it('shrinks where the interval reaches past the bounds of risk', () => {
    // value 0.9 ± 1.2816·0.1 = [0.77184, 1.02816], risk bounded to [0.77184, 1]: (1 − 0.77184) / 2.5632 ≈ 0.089014.
    expect(riskSd(0.9, 0.1, (v) => v)).toBeCloseTo(0.22816 / 2.5632, 12);
    expect(riskSd(0.9, 0.1, (v) => v)).toBeLessThan(0.1);
    // Wholly past the bound (risk 1 whatever the value within the interval): no spread at all.
    expect(riskSd(50, 1, (v) => v / 10)).toBe(0);
  });
});

describe(scoreInterval.name, () => {
  it('weighs each indicator by its share of the weight, as independent', () => {
    // Weights 2 and 1 (W 3), risk sds 0.1 and 0.1: se = sqrt((2/3·0.1)² + (1/3·0.1)²) = 0.1·√5/3 ≈ 0.074536.
    const { low, high, se } = scoreInterval(0.5, [
      { weight: 2, riskSd: 0.1 },
      { weight: 1, riskSd: 0.1 },
    ]);
    expect(se).toBeCloseTo((0.1 * Math.sqrt(5)) / 3, 12);
    expect(low).toBeCloseTo(0.5 - Z * se, 12);
    expect(high).toBeCloseTo(0.5 + Z * se, 12);
  });

  it('bounds the interval to [0, 1]', () => {
    expect(scoreInterval(0.95, [{ weight: 1, riskSd: 0.1 }])).toEqual({ low: 0.95 - Z * 0.1, high: 1, se: 0.1 });
    expect(scoreInterval(0.02, [{ weight: 1, riskSd: 0.1 }])).toMatchObject({ low: 0 });
  });
});

describe(isBorderline.name, () => {
  const levels = { medium: 0.34, high: 0.67 };
  it('is true when a threshold t lies in the interval with low < t ≤ high', () => {
    expect(isBorderline({ low: 0.3, high: 0.4, se: 0 }, levels)).toBe(true);
    expect(isBorderline({ low: 0.6, high: 0.67, se: 0 }, levels)).toBe(true); // high end on the threshold: it reads «high»
    expect(isBorderline({ low: 0.2, high: 0.8, se: 0 }, levels)).toBe(true);
  });

  it('is false when both ends fall on the same level', () => {
    expect(isBorderline({ low: 0.34, high: 0.5, se: 0 }, levels)).toBe(false); // low end on the threshold: both read «medium»
    expect(isBorderline({ low: 0.1, high: 0.3399, se: 0 }, levels)).toBe(false);
    expect(isBorderline({ low: 0.67, high: 0.67, se: 0 }, levels)).toBe(false);
  });
});

describe('a profile with uncertainty', () => {
  it('gives 5 of 120 parents a wide interval and 5 of 6 a narrow one, around the same score', () => {
    const wide = onlyFactor(profileOf(modelWith([parentShare], anyRate), { parent: twoOfFive }, { parent: 120 }));
    const narrow = onlyFactor(profileOf(modelWith([parentShare], anyRate), { parent: twoOfFive }, { parent: 6 }));
    expect(wide.indicators[0]!.se).toBeCloseTo(0.239792, 6);
    expect(narrow.indicators[0]!.se).toBeCloseTo(0.1, 12);
    // 120: risk 0.4 ± 1.2816·0.239792 = 0.4 ± 0.307317 → [0.092683, 0.707317]: holds 0.34 and 0.67.
    expect(wide).toMatchObject({ score: 0.4, level: 'medium', borderline: true });
    expect(wide.interval!.low).toBeCloseTo(0.092683, 6);
    expect(wide.interval!.high).toBeCloseTo(0.707317, 6);
    // 6: 0.4 ± 0.12816 → [0.27184, 0.52816]: holds 0.34.
    expect(narrow).toMatchObject({ score: 0.4, level: 'medium', borderline: true });
    expect(narrow.interval!.low).toBeCloseTo(0.27184, 12);
    expect(narrow.interval!.high).toBeCloseTo(0.52816, 12);
  });

  it('maps a mean through its scale: 2, 4, 6, 8, 10 of 10 teachers', () => {
    const factor = onlyFactor(profileOf(modelWith([teacherMean]), { teacher: spreadOut }, { teacher: 10 }));
    // se = sqrt(10/5 · (1 − 5/10)) = 1; risk 0.6, its sd 1 · 1/10 = 0.1; interval 0.6 ± 0.12816.
    expect(factor.indicators[0]).toMatchObject({ value: 6, risk: 0.6, se: 1 });
    expect(factor.interval!.se).toBeCloseTo(0.1, 12);
    expect(factor.interval!.low).toBeCloseTo(0.47184, 12);
    expect(factor.interval!.high).toBeCloseTo(0.72816, 12);
    // 0.67 lies inside: medium by its score, borderline by its interval.
    expect(factor).toMatchObject({ level: 'medium', borderline: true });
  });

  it('combines two indicators of weights 2 and 1', () => {
    const model = modelWith([{ ...teacherMean, weight: 2 }, parentShare], anyRate);
    const factor = onlyFactor(profileOf(model, { teacher: spreadOut, parent: twoOfFive }, { teacher: 10, parent: 6 }));
    // score (2·0.6 + 1·0.4) / 3 = 0.533333; risk sds 0.1 and 0.1, se = 0.1·√5/3 ≈ 0.074536;
    // interval 0.5333333 ± 0.0955248 = [0.4378085, 0.6288582]: within «medium».
    expect(factor.score).toBeCloseTo(1.6 / 3, 12);
    expect(factor.interval!.se).toBeCloseTo((0.1 * Math.sqrt(5)) / 3, 12);
    expect(factor.interval!.low).toBeCloseTo(0.4378085, 7);
    expect(factor.interval!.high).toBeCloseTo(0.6288582, 7);
    expect(factor).toMatchObject({ level: 'medium', borderline: false });
  });

  it("gives the principal's one answer se 0: a score on a threshold is exact, not borderline", () => {
    const factor = onlyFactor(profileOf(modelWith([principalChoice]), { principal: answersTo('d_q', ['a']) }, { principal: 1 }));
    expect(factor.indicators[0]).toMatchObject({ value: 0.67, se: 0 });
    expect(factor).toMatchObject({ score: 0.67, level: 'high', interval: { low: 0.67, high: 0.67, se: 0 }, borderline: false });
  });

  it('withholds se wherever the value is withheld, and the interval of an insufficient factor', () => {
    const factor = onlyFactor(profileOf(modelWith([parentShare], anyRate), { parent: twoOfFive.slice(0, 4) }, { parent: 120 }));
    expect(factor.indicators[0]).toMatchObject({ missing: 'role-not-reportable', value: null, se: null });
    expect(factor).toMatchObject({ level: 'insufficient', interval: null, borderline: false });
  });
});

describe(changeNoise.name, () => {
  it('is z · sqrt(se1² + se2²)', () => {
    // sqrt(0.03² + 0.04²) = 0.05; · 1.2816 = 0.06408.
    expect(changeNoise(0.03, 0.04)).toBeCloseTo(0.06408, 12);
    expect(changeNoise(0, 0)).toBe(0);
  });
});
