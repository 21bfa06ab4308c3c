import { Type, type Static, type TSchema } from 'typebox';
import { ROLES, type Role } from '../shared/roles.js';
import { INDICATOR_KINDS } from './indicator-kinds.js';
import type { FactorResult, RoleParticipation } from './profile-schema.js';

/**
 * The risk model's one definition: these schemas give its structure, the engine's types are their
 * `Static`, and the loader checks a model file with them (server/risk-models/) before adding what a
 * schema cannot say, such as whether a question exists in the role's questionnaire.
 */

const strict = { additionalProperties: false } as const;
const Name = Type.String({ pattern: '\\S' });
const Text = Type.Optional(Type.String());
/** A share of answers, a risk or a threshold. */
const Fraction = Type.Number({ minimum: 0, maximum: 1 });
const RoleSchema = Type.Enum(ROLES);

/** Thresholds on a factor score: `high` when score ≥ high, `medium` when score ≥ medium. */
export const LevelsSchema = Type.Object({ medium: Fraction, high: Fraction }, strict);
export type Levels = Static<typeof LevelsSchema>;

/** One number for every role, or per role (a role absent from the map uses {@link DEFAULT_MIN_RATE}). */
export const MinRateSchema = Type.Union([Fraction, Type.Partial(Type.Record(RoleSchema, Fraction), strict)]);
export type MinRate = Static<typeof MinRateSchema>;

export const DEFAULT_MIN_RATE = 0.5;

/** The value of a choice; `risk` maps use its string form as the key, so matching is by `String(value)`. */
const ChoiceValueSchema = Type.Union([Type.String(), Type.Number()]);
export type ChoiceValue = Static<typeof ChoiceValueSchema>;

/** Positive; an indicator of a model file without one weighs 1 (docs/methodology.md §5). */
const Weight = Type.Number({ exclusiveMinimum: 0, default: 1 });

/**
 * The schema of each kind of indicator, with the weight as `weight` says: required in a loaded model,
 * optional in a model file.
 */
function indicatorSchemas<W extends TSchema>(weight: W) {
  const base = { id: Name, role: RoleSchema, weight, title: Text, description: Text };
  return {
    share: Type.Object(
      {
        ...base,
        kind: Type.Literal('share'),
        question: Name,
        values: Type.Array(ChoiceValueSchema, { minItems: 1 }),
        /** Answers that say the question does not apply («таких учеников нет»): not answered, like dont_know (§2). */
        notApplicable: Type.Optional(Type.Array(ChoiceValueSchema, { minItems: 1 })),
        /** Defaults 0 and 1 (docs/methodology.md §2). */
        best: Type.Optional(Type.Number()),
        worst: Type.Optional(Type.Number()),
      },
      strict,
    ),
    mean: Type.Object({ ...base, kind: Type.Literal('mean'), question: Name, best: Type.Number(), worst: Type.Number() }, strict),
    /** `risk`: the risk of each choice value. */
    choice: Type.Object({ ...base, kind: Type.Literal('choice'), question: Name, risk: Type.Record(Type.String(), Fraction, { minProperties: 1 }) }, strict),
    ratio: Type.Object({ ...base, kind: Type.Literal('ratio'), numerator: Name, denominator: Name, best: Type.Number(), worst: Type.Number() }, strict),
    /** The role's own participation in the wave, responses ÷ expected: a count, so it reads no question. */
    rate: Type.Object({ ...base, kind: Type.Literal('rate'), best: Type.Number(), worst: Type.Number() }, strict),
  };
}

/** An indicator before its kind is known: what every kind has. */
function indicatorBaseSchema<W extends TSchema>(weight: W) {
  return Type.Object({ id: Name, role: RoleSchema, weight, kind: Type.Enum(INDICATOR_KINDS) });
}

function factorSchema<I extends TSchema>(indicator: I) {
  return Type.Object(
    { id: Name, title: Name, description: Text, levels: Type.Optional(LevelsSchema), indicators: Type.Array(indicator, { minItems: 1 }) },
    strict,
  );
}

function modelSchema<F extends TSchema>(factor: F) {
  return Type.Object(
    { id: Name, title: Name, description: Text, levels: LevelsSchema, minRate: MinRateSchema, factors: Type.Array(factor, { minItems: 1 }) },
    strict,
  );
}

const kinds = indicatorSchemas(Weight);
export const IndicatorSchema = Type.Union([kinds.share, kinds.mean, kinds.choice, kinds.ratio, kinds.rate]);
export const RiskModelSchema = modelSchema(factorSchema(IndicatorSchema));

export type ShareIndicator = Static<typeof kinds.share>;
export type MeanIndicator = Static<typeof kinds.mean>;
export type ChoiceIndicator = Static<typeof kinds.choice>;
export type RatioIndicator = Static<typeof kinds.ratio>;
export type RateIndicator = Static<typeof kinds.rate>;
export type Indicator = Static<typeof IndicatorSchema>;
export type IndicatorKind = Indicator['kind'];
export type Factor = RiskModel['factors'][number];
export type RiskModel = Static<typeof RiskModelSchema>;

/**
 * A model file as its author writes it, checked one level at a time so that each problem names its
 * factor or indicator: the model without its factors, a factor without its indicators, and each
 * indicator against the schema of its own kind. Weights may be left out.
 */
export const ModelFileSchemas = {
  model: modelSchema(Type.Unknown()),
  factor: factorSchema(Type.Unknown()),
  indicator: indicatorSchemas(Type.Optional(Weight)),
  anyIndicator: indicatorBaseSchema(Type.Optional(Weight)),
};

/** One response: SurveyJS `survey.data`, question name → answer. */
export type Answers = Record<string, unknown>;

/**
 * Sufficient statistics of one indicator: `n` = |A|, `sum` of the per-response
 * contributions, so value = sum / n, and `sumSq` of their squares, for the value's
 * spread (docs/methodology.md §8). Sums of disjoint response sets add up, which
 * lets SQL aggregate them and lets waves be merged.
 */
export interface IndicatorStat {
  n: number;
  sum: number;
  sumSq: number;
}

/** Indicator id → statistics. */
export type IndicatorStats = Record<string, IndicatorStat>;

export interface CollectedStats {
  /** |R| per role: every response, answered or not. */
  responses: Record<Role, number>;
  indicators: IndicatorStats;
}

// The engine's results are the profile API's shapes, defined once as schemas.
export type { FactorResult, IndicatorResult, MissingReason, RoleParticipation, ScoreInterval } from './profile-schema.js';
export type { Level } from '../shared/vocabulary.js';

export interface Profile {
  modelId: string;
  roles: Record<Role, RoleParticipation>;
  factors: FactorResult[];
}
