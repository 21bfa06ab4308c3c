import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { RiskModel } from '../scoring/model.js';

/**
 * The shape of a stored model (`risk_models.definition`). It was fully validated against the
 * questionnaires when it was stored; here we only re-check the structure, because the
 * questionnaires of today may no longer contain an old wave's questions.
 */
const Num = Type.Number();
const Role = Type.Union([Type.Literal('principal'), Type.Literal('teacher'), Type.Literal('student'), Type.Literal('parent')]);
const ChoiceValue = Type.Union([Type.String(), Type.Number()]);
const Levels = Type.Object({ medium: Num, high: Num }, { additionalProperties: false });
const strict = { additionalProperties: false } as const;
const base = {
  id: Type.String({ minLength: 1 }),
  role: Role,
  weight: Type.Number({ exclusiveMinimum: 0 }),
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
};

const Indicator = Type.Union([
  Type.Object({ ...base, kind: Type.Literal('share'), question: Type.String(), values: Type.Array(ChoiceValue), best: Type.Optional(Num), worst: Type.Optional(Num) }, strict),
  Type.Object({ ...base, kind: Type.Literal('mean'), question: Type.String(), best: Num, worst: Num }, strict),
  Type.Object({ ...base, kind: Type.Literal('choice'), question: Type.String(), risk: Type.Record(Type.String(), Num) }, strict),
  Type.Object({ ...base, kind: Type.Literal('ratio'), numerator: Type.String(), denominator: Type.String(), best: Num, worst: Num }, strict),
]);

const Factor = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String(),
    description: Type.Optional(Type.String()),
    levels: Type.Optional(Levels),
    indicators: Type.Array(Indicator),
  },
  strict,
);

export const StoredRiskModel = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String(),
    description: Type.Optional(Type.String()),
    levels: Levels,
    minRate: Type.Union([Num, Type.Partial(Type.Object({ principal: Num, teacher: Num, student: Num, parent: Num }, strict))]),
    factors: Type.Array(Factor),
  },
  strict,
);

// Fails to compile if the schema and the engine's RiskModel type drift apart in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<Static<typeof StoredRiskModel>, RiskModel> = true;
void sameShape;

/** Types a stored definition as a RiskModel, or throws naming the first problems. */
export function parseStoredModel(definition: unknown, id: string): RiskModel {
  if (Value.Check(StoredRiskModel, definition)) return definition;
  const problems = Value.Errors(StoredRiskModel, definition)
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new Error(`Stored risk model "${id}" is not a valid model: ${problems.join('; ')}`);
}
