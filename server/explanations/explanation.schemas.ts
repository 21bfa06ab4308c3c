import { Type, type Static } from '@fastify/type-provider-typebox';
import { IndicatorView, RoleParticipation } from '../scoring/profile-schema.js';
import { Level, ModelRef, Nullable, perRole, SchoolRef, WaveRef, WaveSchoolParams } from '../shared/vocabulary.js';

const ChoiceValue = Type.Union([Type.String(), Type.Number()]);

export const ExplanationParams = Type.Object({
  ...WaveSchoolParams.properties,
  factorId: Type.String({ minLength: 1, maxLength: 100 }),
});

export const QuestionRef = Type.Object({ name: Type.String(), title: Type.String(), description: Type.Optional(Type.String()) });

/** One answer of a distribution with the risk the model gives it, so the UI can mark the answers that raise the factor. */
export const DistributionRow = Type.Object({
  value: ChoiceValue,
  text: Type.String(),
  count: Type.Integer(),
  risk: Type.Number(),
});

export const Distribution = Type.Union([
  Type.Object({
    shown: Type.Literal(true),
    rows: Type.Array(DistributionRow),
    /** «Затрудняюсь ответить»: not an answer for scoring, still worth seeing. */
    dontKnow: Type.Integer(),
  }),
  Type.Object({
    shown: Type.Literal(false),
    /**
     * few-answers: n below the privacy threshold; ratio: a quotient of two numbers has no answers to count;
     * rate: a count of responses, no answer at all (the role's `roles` entry has its figures).
     */
    reason: Type.Enum(['few-answers', 'ratio', 'rate']),
  }),
]);
export type Distribution = Static<typeof Distribution>;

export const IndicatorExplanation = Type.Object({
  ...IndicatorView.properties,
  /** weight · risk / Σ weight of the factor's indicators with data: the part of the score this indicator makes. */
  contribution: Nullable(Type.Number()),
  /** One of the few indicators that make most of the score (explain.ts says which). */
  key: Type.Boolean(),
  /** The question read; a ratio reads two, numerator first; a rate none. */
  questions: Type.Array(QuestionRef),
  /** share: the answers whose share is the value. */
  counted: Type.Array(Type.Object({ value: ChoiceValue, text: Type.String() })),
  /** choice: the risk of each answer. */
  choiceRisks: Type.Array(Type.Object({ value: ChoiceValue, text: Type.String(), risk: Type.Number() })),
  /** share, mean, ratio, rate: the value at which risk is 0 and at which it is 1. */
  best: Nullable(Type.Number()),
  worst: Nullable(Type.Number()),
  distribution: Distribution,
});
export type IndicatorExplanation = Static<typeof IndicatorExplanation>;

/** One principal answer: a number, or the words of the chosen answers; both null when left empty. */
export const PrincipalAnswer = Type.Object({ number: Nullable(Type.Number()), text: Nullable(Type.String()) });

export const PrincipalAnswers = Type.Object({
  responses: Type.Integer(),
  questions: Type.Array(Type.Object({ ...QuestionRef.properties, answers: Type.Array(PrincipalAnswer) })),
});
export type PrincipalAnswers = Static<typeof PrincipalAnswers>;

const RoleState = Type.Object({
  ...RoleParticipation.properties,
  /** The participation at which the role's answers start to count. */
  minRate: Type.Number(),
});

/** Whose explanation it is: one school, in one wave, by the model the wave pinned. */
const About = { school: SchoolRef, wave: WaveRef, model: ModelRef };

/** Why one factor has its level; a school's participation (`roles`) comes along so each explanation reads on its own. */
export const ExplanationBody = Type.Object({
  factor: Type.Object({
    id: Type.String(),
    title: Type.String(),
    description: Type.Optional(Type.String()),
    score: Nullable(Type.Number()),
    level: Level,
    coverage: Type.Number(),
    levels: Type.Object({ medium: Type.Number(), high: Type.Number() }),
  }),
  /** A distribution of answers is shown from this many answers up (docs/methodology.md §2, privacy). */
  minN: Type.Integer(),
  roles: perRole(RoleState),
  indicators: Type.Array(IndicatorExplanation),
  principal: PrincipalAnswers,
});
export type ExplanationBody = Static<typeof ExplanationBody>;

export const FactorExplanation = Type.Object({ ...About, ...ExplanationBody.properties });
export type FactorExplanation = Static<typeof FactorExplanation>;

/** Every factor of the model, in the model's order: what a printed report shows, in one request. */
export const SchoolExplanations = Type.Object({ ...About, factors: Type.Array(ExplanationBody) });
export type SchoolExplanations = Static<typeof SchoolExplanations>;
