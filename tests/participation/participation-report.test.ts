import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roleFigures } from '../../server/participation/participation-report.js';
import { requiredRespondents } from '../../server/shared/rules/participation-target.js';

describe(requiredRespondents.name, () => {
  it('is the fewest respondents whose rate reaches the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 100 }), (expected, percent) => {
        const target = percent / 100;
        const n = requiredRespondents(expected, target);
        expect(n / expected >= target).toBe(true);
        if (n > 0) expect((n - 1) / expected >= target).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not ask for an extra respondent when target × expected lands a hair above a whole number', () => {
    expect(0.28 * 25).toBeGreaterThan(7);
    expect(requiredRespondents(25, 0.28)).toBe(7);
    expect(requiredRespondents(10, 0.9)).toBe(9);
    expect(requiredRespondents(0, 0.9)).toBe(0);
  });
});

describe(roleFigures.name, () => {
  it('has a role meet the target exactly when nobody is missing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 100 }), (expected, responses, percent) => {
        const target = percent / 100;
        const figures = roleFigures(expected, 0, { responses, held: 0, excluded: 0, markedCounted: 0, paper: 0 }, target);
        expect(figures.needed >= 0).toBe(true);
        expect(figures.needed === 0).toBe(expected === 0 || figures.rate! >= target);
      }),
    );
  });
});
