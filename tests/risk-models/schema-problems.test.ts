import { describe, expect, it } from 'vitest';
import { schemaProblems } from '../../server/risk-models/schema-problems.js';
import { RiskModelSchema } from '../../server/scoring/model.js';

const mean = { id: 'F.q', role: 'teacher', kind: 'mean', question: 'q', best: 5, worst: 1, weight: 1 };

/** A stored definition with one factor holding `indicator`. */
function definition(indicator: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: 'm',
    title: 'Модель',
    levels: { medium: 0.3, high: 0.6 },
    minRate: 0.5,
    factors: [{ id: 'F', title: 'Фактор', indicators: [indicator] }],
    ...extra,
  };
}

describe(schemaProblems.name, () => {
  it('finds nothing wrong with a valid model', () => {
    expect(schemaProblems(RiskModelSchema, definition(mean))).toEqual([]);
  });

  it('checks an indicator against the schema of its own kind only', () => {
    const { best: _, ...withoutBest } = mean;
    expect(schemaProblems(RiskModelSchema, definition(withoutBest))).toEqual(['factors[0].indicators[0].best must be a number']);
  });

  it('names an unknown kind and the kinds there are', () => {
    expect(schemaProblems(RiskModelSchema, definition({ ...mean, kind: 'median' }))).toEqual([
      'unknown factors[0].indicators[0].kind "median" (expected one of share, mean, choice, ratio, rate)',
    ]);
  });

  it('reports a value of a union by the variant of its JSON type', () => {
    const share = { id: 'F.s', role: 'teacher', kind: 'share', question: 'q', values: ['a', true], weight: 1 };
    expect(schemaProblems(RiskModelSchema, definition(share, { minRate: { teacher: 2 } }))).toEqual([
      'minRate.teacher must be a number in [0, 1], got 2',
      'factors[0].indicators[0].values[1] must be a string or a number, got true',
    ]);
  });

  it('lists every problem in the order of the fields in the value, missing ones last', () => {
    expect(schemaProblems(RiskModelSchema, { title: ' ', extra: 1, id: 'x', factors: [] })).toEqual([
      'title must be a non-empty string, got " "',
      'unknown key "extra" (expected one of id, title, description, levels, minRate, factors)',
      'factors must be a non-empty array',
      'levels must be a JSON object',
      'minRate must be a number in [0, 1] or a JSON object',
    ]);
  });
});
