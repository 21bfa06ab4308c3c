import { describe, expect, it } from 'vitest';
import { compareProfiles, type ScoredFactor } from '../../server/dynamics/compare.js';
import type { Level } from '../../server/scoring/model.js';

const f = (id: string, score: number | null, level: Level): ScoredFactor => ({ id, title: id, score, level });

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
    expect(factors[1]).toMatchObject({ later: null, delta: null, levelChange: null });
  });
});
