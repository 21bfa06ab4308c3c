import { describe, expect, it } from 'vitest';
import { compareProfiles, type ScoredFactor } from '../../server/dynamics/compare.js';
import type { Level } from '../../server/scoring/model.js';

/** A factor's score with its standard error, 0 (an exact score) unless given. */
const f = (id: string, score: number | null, level: Level, se = 0): ScoredFactor => ({ id, title: id, score, level, interval: score === null ? null : { se } });

describe(compareProfiles.name, () => {
  it('gives delta = later − earlier, the level steps and the direction of each factor', () => {
    const { factors } = compareProfiles([f('R1', 0.8, 'high'), f('R2', 0.2, 'low')], [f('R1', 0.5, 'medium'), f('R2', 0.2, 'low')]);
    expect(factors[0]).toMatchObject({ id: 'R1', levelChange: -1, direction: 'down' });
    expect(factors[0].delta).toBeCloseTo(-0.3, 12); // 0.5 − 0.8
    expect(factors[1]).toMatchObject({ id: 'R2', delta: 0, levelChange: 0, direction: 'same' });
  });

  it('shows positive change when a factor drops a level and none rises one', () => {
    expect(compareProfiles([f('R1', 0.8, 'high'), f('R2', 0.4, 'medium')], [f('R1', 0.1, 'low'), f('R2', 0.5, 'medium')]).positiveChange).toBe(true);
  });

  it('shows no positive change when one factor rises a level, however much others fall', () => {
    const result = compareProfiles([f('R1', 0.9, 'high'), f('R2', 0.2, 'low')], [f('R1', 0.1, 'low'), f('R2', 0.4, 'medium')]);
    expect(result.factors.map((x) => x.levelChange)).toEqual([-2, 1]);
    expect(result.positiveChange).toBe(false);
  });

  it('shows no positive change when scores fall within their levels', () => {
    expect(compareProfiles([f('R1', 0.95, 'high')], [f('R1', 0.7, 'high')]).positiveChange).toBe(false);
  });

  it('never compares an insufficient level, in either wave', () => {
    const { factors, positiveChange } = compareProfiles(
      [f('R1', null, 'insufficient'), f('R2', 0.9, 'high')],
      [f('R1', 0.1, 'low'), f('R2', null, 'insufficient')],
    );
    expect(factors.map((x) => [x.delta, x.levelChange, x.direction])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(positiveChange).toBe(false);
  });

  it('calls a move smaller than half a hundredth "same"', () => {
    expect(compareProfiles([f('R1', 0.5, 'medium')], [f('R1', 0.504, 'medium')]).factors[0].direction).toBe('same');
    expect(compareProfiles([f('R1', 0.5, 'medium')], [f('R1', 0.506, 'medium')]).factors[0].direction).toBe('up');
  });

  it('lists a factor only one wave has, without a change', () => {
    const { factors } = compareProfiles([f('R1', 0.5, 'medium'), f('OLD', 0.9, 'high')], [f('R1', 0.5, 'medium')]);
    expect(factors.map((x) => x.id)).toEqual(['R1', 'OLD']);
    expect(factors[1]).toMatchObject({ later: null, delta: null, levelChange: null, comparable: false, beyondNoise: false });
  });

  describe('against the noise of the two scores (docs/methodology.md §4, §8)', () => {
    // se 0.05 in both waves: noise = 1.2816 · sqrt(0.05² + 0.05²) = 1.2816 · 0.0707107 ≈ 0.090623.
    it('does not count a level crossed by less than the noise', () => {
      const { factors, positiveChange } = compareProfiles([f('R1', 0.7, 'high', 0.05)], [f('R1', 0.62, 'medium', 0.05)]);
      expect(factors[0]).toMatchObject({ levelChange: -1, direction: 'down', beyondNoise: false });
      expect(factors[0]!.noise).toBeCloseTo(0.090623, 6);
      expect(positiveChange).toBe(false); // |−0.08| < 0.090623
    });

    it('counts a level crossed by more than the noise', () => {
      const { factors, positiveChange } = compareProfiles([f('R1', 0.7, 'high', 0.05)], [f('R1', 0.55, 'medium', 0.05)]);
      expect(factors[0]).toMatchObject({ levelChange: -1, beyondNoise: true });
      expect(positiveChange).toBe(true); // |−0.15| > 0.090623
    });

    it('is not held back by a rise within the noise, but is by a rise beyond it', () => {
      // R2, se 0.03 in both: noise 1.2816 · 0.0424264 ≈ 0.054374; +0.04 is within it, +0.06 beyond.
      const fell = f('R1', 0.9, 'high', 0.05);
      const fellTo = f('R1', 0.2, 'low', 0.05);
      const within = compareProfiles([fell, f('R2', 0.32, 'low', 0.03)], [fellTo, f('R2', 0.36, 'medium', 0.03)]);
      expect(within.factors[1]).toMatchObject({ levelChange: 1, beyondNoise: false });
      expect(within.factors[1]!.noise).toBeCloseTo(0.054374, 6);
      expect(within.positiveChange).toBe(true);
      const beyond = compareProfiles([fell, f('R2', 0.3, 'low', 0.03)], [fellTo, f('R2', 0.36, 'medium', 0.03)]);
      expect(beyond.factors[1]).toMatchObject({ levelChange: 1, beyondNoise: true });
      expect(beyond.positiveChange).toBe(false);
    });
  });

  describe('two waves of different models', () => {
    it('compares only the factors both models measure alike, and lists the others with each wave’s figure', () => {
      const alike = (id: string) => id === 'R1';
      const { factors, positiveChange } = compareProfiles(
        [f('R1', 0.5, 'medium'), f('R2', 0.9, 'high')],
        [f('R1', 0.52, 'medium'), f('R2', 0.1, 'low')],
        alike,
      );
      expect(factors[0]).toMatchObject({ id: 'R1', comparable: true, levelChange: 0, direction: 'up' });
      expect(factors[1]).toEqual({
        id: 'R2',
        title: 'R2',
        earlier: { score: 0.9, level: 'high' },
        later: { score: 0.1, level: 'low' },
        comparable: false,
        delta: null,
        levelChange: null,
        direction: null,
        noise: null,
        beyondNoise: false,
      });
      // R2 fell two levels, but under another definition: that is no change of the school's.
      expect(positiveChange).toBe(false);
    });
  });
});
