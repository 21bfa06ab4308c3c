import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectStats, computeProfile, mergeStats } from '../../server/scoring/engine.js';
import type { Answers, CollectedStats, Indicator, Levels, Profile, RiskModel } from '../../server/scoring/model.js';
import { ROLES, type Role } from '../../server/shared/roles.js';

// A handful of shared question names so that different indicators read the same answers.
const SINGLE = 'q_single';
const MULTI = 'q_multi';
const NUM = 'q_num';
const DEN = 'q_den';

const choiceValue = fc.constantFrom<string | number>('a', 'b', 'c', 1, 2);
// Quarters keep numbers exact and finite; ratios still produce inexact quotients.
const quarter = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((n) => n / 4);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const role = fc.constantFrom(...ROLES);
const weight = fc.double({ min: 0.01, max: 5, noNaN: true });
const scale = fc.tuple(quarter(-10, 110), quarter(-10, 110)).filter(([best, worst]) => best !== worst);

const indicator: fc.Arbitrary<Omit<Indicator, 'id'>> = fc.oneof(
  fc
    .record({
      role,
      weight,
      kind: fc.constant('share' as const),
      question: fc.constantFrom(SINGLE, MULTI),
      values: fc.uniqueArray(choiceValue, { minLength: 1, maxLength: 3 }),
      scale: fc.option(scale, { nil: undefined }),
    })
    .map(({ scale: s, ...rest }) => (s ? { ...rest, best: s[0], worst: s[1] } : rest)),
  fc
    .record({ role, weight, kind: fc.constant('mean' as const), question: fc.constantFrom(NUM, DEN), scale })
    .map(({ scale: [best, worst], ...rest }) => ({ ...rest, best, worst })),
  fc.record({
    role,
    weight,
    kind: fc.constant('choice' as const),
    question: fc.constant(SINGLE),
    risk: fc.dictionary(choiceValue.map(String), fraction, { minKeys: 1 }),
  }),
  fc
    .record({ role, weight, kind: fc.constant('ratio' as const), numerator: fc.constant(NUM), denominator: fc.constant(DEN), scale })
    .map(({ scale: [best, worst], ...rest }) => ({ ...rest, best, worst })),
);

const levels: fc.Arbitrary<Levels> = fc
  .tuple(fraction, fraction)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ medium: Math.min(a, b), high: Math.max(a, b) }));

const model: fc.Arbitrary<RiskModel> = fc
  .record({
    levels,
    minRate: fc.oneof(fraction, fc.record({ principal: fraction, teacher: fraction, student: fraction, parent: fraction }, { requiredKeys: [] })),
    factors: fc.array(fc.record({ levels: fc.option(levels, { nil: undefined }), indicators: fc.array(indicator, { minLength: 1, maxLength: 5 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ factors, ...rest }) => ({
    id: 'random',
    title: 'random',
    ...rest,
    factors: factors.map((f, i) => ({
      id: `F${i}`,
      title: `F${i}`,
      ...(f.levels ? { levels: f.levels } : {}),
      indicators: f.indicators.map((ind, j) => ({ ...ind, id: `F${i}.${j}` }) as Indicator),
    })),
  }));

const answer = fc.oneof(
  fc.constantFrom(null, '', 'dont_know', '7'),
  choiceValue,
  quarter(-5, 100),
  fc.array(fc.oneof(choiceValue, fc.constantFrom('dont_know', '')), { maxLength: 3 }),
);
// Mostly numbers for the numeric questions, or ratios would rarely have both parts.
const numericAnswer = fc.oneof({ arbitrary: quarter(-5, 100), weight: 3 }, { arbitrary: answer, weight: 1 });
const response: fc.Arbitrary<Answers> = fc.record({ [SINGLE]: answer, [MULTI]: answer, [NUM]: numericAnswer, [DEN]: numericAnswer }, { requiredKeys: [] });
const responses = fc.record(Object.fromEntries(ROLES.map((r) => [r, fc.array(response, { maxLength: 12 })])) as Record<Role, fc.Arbitrary<Answers[]>>);
const expected = fc.record(Object.fromEntries(ROLES.map((r) => [r, fc.integer({ min: 0, max: 12 })])) as Record<Role, fc.Arbitrary<number>>);

const inUnitInterval = (x: number) => x >= 0 && x <= 1;

/** Sums in another order may differ in the last bits. */
function expectClose(a: number | null, b: number | null): void {
  if (a === null || b === null) return expect(a).toBe(b);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
}

function expectSameProfile(m: RiskModel, a: Profile, b: Profile): void {
  expect(a.roles).toEqual(b.roles);
  a.factors.forEach((fa, i) => {
    const fb = b.factors[i]!;
    const { medium, high } = m.factors[i]!.levels ?? m.levels;
    expectClose(fa.coverage, fb.coverage);
    expectClose(fa.score, fb.score);
    // A score within rounding of a threshold may legitimately land on either side.
    const near = (x: number | undefined) => x !== undefined && Math.min(Math.abs(x - medium), Math.abs(x - high)) < 1e-9;
    if (!near(fa.score ?? undefined)) expect(fa.level).toBe(fb.level);
    expect(fa.interval === null).toBe(fb.interval === null);
    expectClose(fa.interval?.low ?? null, fb.interval?.low ?? null);
    expectClose(fa.interval?.high ?? null, fb.interval?.high ?? null);
    expectClose(fa.interval?.se ?? null, fb.interval?.se ?? null);
    if (!near(fa.interval?.low) && !near(fa.interval?.high)) expect(fa.borderline).toBe(fb.borderline);
    fa.indicators.forEach((ia, j) => {
      const ib = fb.indicators[j]!;
      expect({ ...ia, value: 0, risk: 0, se: 0 }).toEqual({ ...ib, value: 0, risk: 0, se: 0 });
      expectClose(ia.value, ib.value);
      expectClose(ia.risk, ib.risk);
      expectClose(ia.se, ib.se);
    });
  });
}

function expectSameStats(a: CollectedStats, b: CollectedStats): void {
  expect(a.responses).toEqual(b.responses);
  expect(Object.keys(a.indicators).sort()).toEqual(Object.keys(b.indicators).sort());
  for (const [id, stat] of Object.entries(a.indicators)) {
    expect(stat.n).toBe(b.indicators[id]!.n);
    expectClose(stat.sum, b.indicators[id]!.sum);
    expectClose(stat.sumSq, b.indicators[id]!.sumSq);
  }
}

describe(computeProfile.name, () => {
  it('keeps every score and risk in [0, 1] or null, and withholds the score exactly when coverage is below 0.5', () => {
    fc.assert(
      fc.property(model, expected, responses, (m, e, r) => {
        for (const factor of computeProfile(m, e, r).factors) {
          expect(inUnitInterval(factor.coverage)).toBe(true);
          expect(factor.level === 'insufficient').toBe(factor.coverage < 0.5);
          expect(factor.score === null).toBe(factor.level === 'insufficient');
          if (factor.score !== null) expect(inUnitInterval(factor.score)).toBe(true);
          for (const ind of factor.indicators) {
            expect(ind.risk === null).toBe(ind.missing !== null);
            if (ind.risk !== null) expect(inUnitInterval(ind.risk)).toBe(true);
          }
        }
      }),
    );
  });

  it('gives an se exactly where there is a value, and an interval in [0, 1] around every score', () => {
    fc.assert(
      fc.property(model, expected, responses, (m, e, r) => {
        for (const factor of computeProfile(m, e, r).factors) {
          for (const ind of factor.indicators) {
            expect(ind.se === null).toBe(ind.value === null);
            if (ind.se !== null) expect(ind.se).toBeGreaterThanOrEqual(0);
          }
          expect(factor.interval === null).toBe(factor.score === null);
          if (factor.score === null || factor.interval === null) {
            expect(factor.borderline).toBe(false);
            continue;
          }
          const { low, high, se } = factor.interval;
          expect(se).toBeGreaterThanOrEqual(0);
          expect(inUnitInterval(low) && inUnitInterval(high)).toBe(true);
          expect(low).toBeLessThanOrEqual(factor.score);
          expect(high).toBeGreaterThanOrEqual(factor.score);
          // A score that is exact (every group answered in full, or one principal) is never borderline.
          if (se === 0) expect(factor.borderline).toBe(false);
        }
      }),
    );
  });

  it('does not depend on the order of the responses', () => {
    const shuffled = responses.chain((r) =>
      fc.tuple(
        fc.constant(r),
        fc.record(
          Object.fromEntries(ROLES.map((role) => [role, fc.shuffledSubarray(r[role], { minLength: r[role].length, maxLength: r[role].length })])) as Record<
            Role,
            fc.Arbitrary<Answers[]>
          >,
        ),
      ),
    );
    fc.assert(
      fc.property(model, expected, shuffled, (m, e, [original, reordered]) => {
        expectSameProfile(m, computeProfile(m, e, original), computeProfile(m, e, reordered));
      }),
    );
  });

  it('collects the same statistics from two groups of responses, merged, as from all of them', () => {
    const split = responses.chain((r) =>
      fc.tuple(
        fc.constant(r),
        fc.record(Object.fromEntries(ROLES.map((role) => [role, fc.nat({ max: r[role].length })])) as Record<Role, fc.Arbitrary<number>>),
      ),
    );
    fc.assert(
      fc.property(model, split, (m, [r, cut]) => {
        const part = (from: (answers: Answers[], at: number) => Answers[]) =>
          Object.fromEntries(ROLES.map((role) => [role, from(r[role], cut[role])])) as Record<Role, Answers[]>;
        const merged = mergeStats(
          collectStats(
            m,
            part((answers, at) => answers.slice(0, at)),
          ),
          collectStats(
            m,
            part((answers, at) => answers.slice(at)),
          ),
        );
        expectSameStats(merged, collectStats(m, r));
      }),
    );
  });
});
