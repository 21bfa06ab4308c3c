import { describe, expect, it } from 'vitest';
import { distributionOf } from '../../server/comparisons/distribution.js';
import { similarSchools, sizeBandOf, type ContextFacts } from '../../server/comparisons/similar-schools.js';

const facts = (entries: Array<[number, Partial<ContextFacts>]>) =>
  new Map(entries.map(([id, f]) => [id, { year: 2026, socialIndex: null, settlement: null, students: null, ...f }]));

describe('similar schools', () => {
  // Indices 10, 20, …, 90 of schools 1–9: quartiles (type 7) at h = 2, 4, 6 → 30, 50, 70.
  const indexed = facts(Array.from({ length: 9 }, (_, i) => [i + 1, { socialIndex: 10 * (i + 1) }] as [number, Partial<ContextFacts>]));
  const ids = [...indexed.keys()];

  it('puts a school with a social index among those in the same quarter of the indices, bounds included', () => {
    expect(similarSchools(3, ids, indexed)).toEqual({ rule: { kind: 'social-index', band: 1, from: null, to: 30 }, members: [1, 2, 3] });
    expect(similarSchools(5, ids, indexed)).toEqual({ rule: { kind: 'social-index', band: 2, from: 30, to: 50 }, members: [4, 5] });
    expect(similarSchools(7, ids, indexed)).toEqual({ rule: { kind: 'social-index', band: 3, from: 50, to: 70 }, members: [6, 7] });
    expect(similarSchools(8, ids, indexed)).toEqual({ rule: { kind: 'social-index', band: 4, from: 70, to: null }, members: [8, 9] });
  });

  it('ignores schools without an index when cutting the bands', () => {
    const mixed = facts([
      [1, { socialIndex: 1 }],
      [2, { socialIndex: 2 }],
      [3, { socialIndex: 3 }],
      [4, { socialIndex: 4 }],
      [5, { socialIndex: 5 }],
      [6, { settlement: 'rural', students: 10 }],
    ]);
    // Indices 1–5: quartiles at h = 1, 2, 3 → 2, 3, 4.
    expect(similarSchools(5, [1, 2, 3, 4, 5, 6], mixed)).toEqual({ rule: { kind: 'social-index', band: 4, from: 4, to: null }, members: [5] });
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
