import { describe, expect, it } from 'vitest';
import type { RiskModel } from '../../server/scoring/model.js';
import { deriveModel } from '../../server/methodology/derivation.js';

const base: RiskModel = {
  id: 'm',
  title: 'M',
  levels: { medium: 0.34, high: 0.67 },
  minRate: 0.5,
  factors: [
    {
      id: 'F',
      title: 'F',
      indicators: [
        { id: 'F.share', role: 'teacher', kind: 'share', question: 'q1', values: ['no'], weight: 1 },
        { id: 'F.choice', role: 'principal', kind: 'choice', question: 'q2', risk: { a: 1, b: 0 }, weight: 2 },
      ],
    },
  ],
};

describe('deriving a model from edits (docs/methodology.md §9)', () => {
  it('spells out a single minimum rate per role so that only the edited role moves, and keeps the base untouched', () => {
    const { draft, problems, changes } = deriveModel(base, [{ kind: 'minRate', role: 'parent', minRate: 0.3 }]);
    expect(problems).toEqual([]);
    expect(draft.minRate).toEqual({ principal: 0.5, teacher: 0.5, student: 0.5, parent: 0.3 });
    expect(changes).toEqual([{ kind: 'minRate', role: 'parent', minRate: 0.3, before: 0.5 }]);
    expect(base.minRate).toBe(0.5);
  });

  it("takes a share's default anchors 0 and 1 as what an anchors edit replaces, and a factor without levels as null", () => {
    const { draft, changes } = deriveModel(base, [
      { kind: 'anchors', indicatorId: 'F.share', best: 0.1, worst: 0.6 },
      { kind: 'levels', factorId: 'F', medium: 0.2, high: 0.5 },
    ]);
    expect(draft.factors[0]!.indicators[0]).toMatchObject({ best: 0.1, worst: 0.6 });
    expect(draft.factors[0]!.levels).toEqual({ medium: 0.2, high: 0.5 });
    expect(changes.map((c) => c.before)).toEqual([{ best: 0, worst: 1 }, null]);
  });

  it('refuses edits of fields an indicator does not have, of unknown ids, and of one field twice, and applies the rest', () => {
    const { draft, problems } = deriveModel(base, [
      { kind: 'risk', indicatorId: 'F.share', risk: { no: 1 } },
      { kind: 'values', indicatorId: 'F.choice', values: ['a'] },
      { kind: 'anchors', indicatorId: 'F.choice', best: 0, worst: 1 },
      { kind: 'weight', indicatorId: 'F.choice', weight: 3 },
      { kind: 'weight', indicatorId: 'F.choice', weight: 4 },
      { kind: 'levels', factorId: 'G', medium: 0.2, high: 0.5 },
    ]);
    expect(problems).toEqual([
      'indicator "F.share": a share indicator has no risk per answer to edit',
      'indicator "F.choice": a choice indicator has no counted values to edit',
      'indicator "F.choice": a choice indicator has no best and worst to edit',
      'indicator "F.choice": weight edited more than once',
      'factor "G": not in model "m"',
    ]);
    expect(draft.factors[0]!.indicators[1]!.weight).toBe(3);
  });
});
