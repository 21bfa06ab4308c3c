import { describe, expect, it } from 'vitest';
import { distributionOf } from '../../server/comparisons/distribution.js';
import { similarSchools, sizeBandOf, type ContextFacts } from '../../server/comparisons/similar-schools.js';

const facts = (entries: Array<[number, Partial<ContextFacts>]>) =>
  new Map(entries.map(([id, f]) => [id, { year: 2026, socialIndex: null, settlement: null, students: null, ...f }]));

const indexed = (n: number, step = 10) =>
  facts(Array.from({ length: n }, (_, i) => [i + 1, { socialIndex: step * (i + 1) }] as [number, Partial<ContextFacts>]));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('similar schools', () => {
  it('puts a school with a social index among those in the same quarter of the indices, bounds included', () => {
    // Indices 10, 20, …, 200 of schools 1–20: quartiles (type 7, h = 19p) 50 + 0.75 · 10 = 57.5, 105 and 152.5.
    const f = indexed(20);
    const ids = [...f.keys()];
    expect(similarSchools(5, ids, f)).toEqual({ rule: { kind: 'social-index', band: 1, bands: 4, from: null, to: 57.5 }, members: range(1, 5) });
    expect(similarSchools(6, ids, f)).toEqual({ rule: { kind: 'social-index', band: 2, bands: 4, from: 57.5, to: 105 }, members: range(6, 10) });
    expect(similarSchools(15, ids, f)).toEqual({ rule: { kind: 'social-index', band: 3, bands: 4, from: 105, to: 152.5 }, members: range(11, 15) });
    expect(similarSchools(16, ids, f)).toEqual({ rule: { kind: 'social-index', band: 4, bands: 4, from: 152.5, to: null }, members: range(16, 20) });
  });

  it('cuts fewer bands where the region has fewer than twenty indices, so a band keeps about five schools', () => {
    // Twelve indices: ⌊12 / 5⌋ = 2 bands, cut at the median, h = 5.5 → 65.
    const twelve = indexed(12);
    expect(similarSchools(6, [...twelve.keys()], twelve)).toEqual({
      rule: { kind: 'social-index', band: 1, bands: 2, from: null, to: 65 },
      members: range(1, 6),
    });
    expect(similarSchools(7, [...twelve.keys()], twelve)).toEqual({
      rule: { kind: 'social-index', band: 2, bands: 2, from: 65, to: null },
      members: range(7, 12),
    });
    // Nine: one band, every school with an index.
    const nine = indexed(9);
    expect(similarSchools(3, [...nine.keys()], nine)).toEqual({
      rule: { kind: 'social-index', band: 1, bands: 1, from: null, to: null },
      members: range(1, 9),
    });
  });

  it('ignores schools without an index when cutting the bands', () => {
    // Ten indices 1–10 and a school without one: 2 bands, cut at h = 4.5 → 5.5.
    const mixed = new Map([...indexed(10, 1), [11, { year: 2026, socialIndex: null, settlement: 'rural' as const, students: 10 }]]);
    expect(similarSchools(5, range(1, 11), mixed)).toEqual({ rule: { kind: 'social-index', band: 1, bands: 2, from: null, to: 5.5 }, members: range(1, 5) });
  });

  it('falls back to settlement and size only for a school without an index', () => {
    const f = facts([
      [1, { settlement: 'rural', students: 150 }],
      [2, { settlement: 'rural', students: 40, socialIndex: 3 }],
      [3, { settlement: 'rural', students: 151 }],
      [4, { settlement: 'urban', students: 100 }],
      [5, { settlement: 'rural' }],
    ]);
    // School 2 has an index, yet it is rural and small, so it is in school 1's group: the group is by the facts, and
    // only the rule is chosen by the school's own.
    expect(similarSchools(1, [1, 2, 3, 4, 5], f)).toEqual({ rule: { kind: 'size-settlement', settlement: 'rural', size: 'small' }, members: [1, 2] });
    expect(similarSchools(5, [1, 2, 3, 4, 5], f)).toEqual({ rule: { kind: 'none' }, members: [] });
    expect(similarSchools(6, [1, 2, 3, 4, 5], f)).toEqual({ rule: { kind: 'none' }, members: [] });
  });

  it('bands sizes at 150 and 500 students', () => {
    expect([0, 150, 151, 500, 501].map(sizeBandOf)).toEqual(['small', 'small', 'medium', 'medium', 'large']);
  });
});

describe('a distribution', () => {
  it('withholds the quartiles of fewer than five schools and always counts them', () => {
    expect(distributionOf([0.1, 0.2, 0.3, 0.4])).toEqual({ schools: 4, q1: null, median: null, q3: null });
    // Five scores: type 7 quartiles are the 2nd, 3rd and 4th values exactly.
    expect(distributionOf([0.5, 0.1, 0.4, 0.2, 0.3])).toEqual({ schools: 5, q1: 0.2, median: 0.3, q3: 0.4 });
  });
});
