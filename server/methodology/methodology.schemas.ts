import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { IndicatorKind } from '../scoring/profile-schema.js';
import { Id, Instant, Level, ModelRef, Nullable, NumberIn, Role, SchoolRef, WaveRef } from '../shared/vocabulary.js';

/**
 * The methodology workbench (docs/methodology.md §9): region-level figures for administrators, never a
 * respondent's answer nor a cross-tab of context questions.
 */

const Anchors = Type.Object({ best: Type.Number(), worst: Type.Number() });

const Percentiles = Type.Object({ p10: Type.Number(), p25: Type.Number(), p50: Type.Number(), p75: Type.Number(), p90: Type.Number() });

/** Schools by level of one factor. */
const LevelCounts = Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), insufficient: Type.Integer() });

export const CalibrationIndicator = Type.Object({
  id: Type.String(),
  factorId: Type.String(),
  title: Nullable(Type.String()),
  role: Role,
  kind: IndicatorKind,
  /** The pinned model's anchors; null for a kind without them. */
  current: Nullable(Anchors),
  /** Schools whose value the pinned model computes (not missing). */
  schoolsWithValue: Type.Integer(),
  /** Of them, those whose value rests on enough answers to enter the percentiles. */
  schoolsUsed: Type.Integer(),
  minAnswers: Type.Integer(),
  percentiles: Nullable(Percentiles),
  proposed: Nullable(Anchors),
  /** Why there is no proposal. */
  reason: Nullable(Type.Enum(['no-anchors', 'too-few-schools', 'no-spread'])),
  /** The values of the schools used, in ten equal bins from the smallest to the largest. */
  histogram: Nullable(Type.Object({ from: Type.Number(), to: Type.Number(), counts: Type.Array(Type.Integer()) })),
});

export type CalibrationIndicator = Static<typeof CalibrationIndicator>;

const IndicatorId = Type.String({ minLength: 1, maxLength: 100 });
/** Numbers are not bounded here: the model's loader says what is wrong with one, beside every other problem. */
const Num = NumberIn({});
const edit = <P extends Record<string, TSchema>, K extends string>(kind: K, properties: P) =>
  Type.Object({ kind: Type.Literal(kind), ...properties }, { additionalProperties: false });

/**
 * One change of a model, named after the field of the model file it sets (docs/methodology.md §1, §9): an
 * indicator's `weight`, `best`/`worst` (anchors), a choice's `risk` map or a share's `values`; the `levels` of
 * the model or of one factor; the `minRate` of one role.
 */
export const ModelEdit = Type.Union([
  edit('weight', { indicatorId: IndicatorId, weight: Num }),
  edit('anchors', { indicatorId: IndicatorId, best: Num, worst: Num }),
  edit('risk', { indicatorId: IndicatorId, risk: Type.Record(Type.String({ maxLength: 100 }), Num, { maxProperties: 100 }) }),
  edit('values', { indicatorId: IndicatorId, values: Type.Array(Type.Union([Type.String({ maxLength: 100 }), Num]), { maxItems: 100 }) }),
  /** Without `factorId`, the model's default levels. */
  edit('levels', { factorId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), medium: Num, high: Num }),
  edit('minRate', { role: Role, minRate: Num }),
]);
export type ModelEdit = Static<typeof ModelEdit>;

const Edits = Type.Array(ModelEdit, { maxItems: 500 });

/** A school whose level of a factor the draft changes. */
const ChangedSchool = Type.Object({
  school: SchoolRef,
  from: Level,
  to: Level,
  scoreFrom: Nullable(Type.Number()),
  scoreTo: Nullable(Type.Number()),
});

/** One factor, side by side; a factor only one of the two models has gives null counts on the other side. */
export const FactorLevels = Type.Object({
  id: Type.String(),
  title: Type.String(),
  current: Nullable(LevelCounts),
  proposed: Nullable(LevelCounts),
  changed: Type.Array(ChangedSchool),
});
export type FactorLevels = Static<typeof FactorLevels>;

export const CalibrationView = Type.Object({
  wave: WaveRef,
  model: ModelRef,
  /** Schools of the wave: the denominator of the level counts. */
  schools: Type.Integer(),
  rule: Type.Object({ minSchools: Type.Integer(), best: Type.Number(), worst: Type.Number() }),
  indicators: Type.Array(CalibrationIndicator),
  factors: Type.Array(FactorLevels),
});
export type CalibrationView = Static<typeof CalibrationView>;

export const DerivePreviewBody = Type.Object(
  {
    /** The model the edits apply to; the wave's pinned model when left out. */
    baseModelId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    edits: Edits,
  },
  { additionalProperties: false },
);
export type DerivePreviewBody = Static<typeof DerivePreviewBody>;

export const DerivePreview = Type.Object({
  wave: WaveRef,
  /** The model the wave pinned: the «now» side. */
  pinned: ModelRef,
  base: ModelRef,
  schools: Type.Integer(),
  factors: Type.Array(FactorLevels),
});
export type DerivePreview = Static<typeof DerivePreview>;

/** A model id as waves name it: letters, digits, dot, dash and underscore. */
const ModelId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', minLength: 1, maxLength: 100 });

export const ModelParams = Type.Object({ modelId: Type.String({ minLength: 1, maxLength: 100 }) });

const ChoiceValue = Type.Union([Type.String(), Type.Number()]);
const LevelsView = Type.Object({ medium: Type.Number(), high: Type.Number() });

/** A stored model as the workbench edits it: the fields of scoring/model.ts, each kind's own ones optional. */
export const ModelDefinition = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  levels: LevelsView,
  minRate: Type.Union([Type.Number(), Type.Partial(Type.Record(Role, Type.Number()))]),
  factors: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      levels: Type.Optional(LevelsView),
      indicators: Type.Array(
        Type.Object({
          id: Type.String(),
          title: Type.Optional(Type.String()),
          role: Role,
          kind: IndicatorKind,
          weight: Type.Number(),
          question: Type.Optional(Type.String()),
          numerator: Type.Optional(Type.String()),
          denominator: Type.Optional(Type.String()),
          values: Type.Optional(Type.Array(ChoiceValue)),
          notApplicable: Type.Optional(Type.Array(ChoiceValue)),
          risk: Type.Optional(Type.Record(Type.String(), Type.Number())),
          best: Type.Optional(Type.Number()),
          worst: Type.Optional(Type.Number()),
        }),
      ),
    }),
  ),
});

export const SaveModelBody = Type.Object(
  {
    baseModelId: Type.String({ minLength: 1, maxLength: 100 }),
    /** The wave the draft was previewed on, kept in the audit record and the model's description. */
    waveId: Type.Optional(Id),
    id: ModelId,
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    edits: Type.Array(ModelEdit, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type SaveModelBody = Static<typeof SaveModelBody>;

export const SavedModel = Type.Object({ ...ModelRef.properties, createdAt: Instant, derivedFrom: Type.String() });

/** Whether a measure could be computed, or why not. */
const Availability = Type.Enum(['ok', 'too-few-schools', 'too-few-respondents', 'one-answer-per-school', 'not-applicable']);

export const ItemQuality = Type.Object({
  indicatorId: Type.String(),
  factorId: Type.String(),
  title: Nullable(Type.String()),
  role: Role,
  kind: IndicatorKind,
  questions: Type.Array(Type.String()),
  /** Counted responses of the role in the wave. */
  responses: Type.Integer(),
  /** Responses whose answer counts for the indicator (|A| over the region). */
  answered: Type.Integer(),
  /** Shares of the responses: «затрудняюсь ответить», and no answer at all. */
  dontKnow: Nullable(Type.Number()),
  empty: Nullable(Type.Number()),
  /** Shares of the answers at the lowest and the highest score the item can have. */
  extremes: Type.Object({ status: Availability, schools: Type.Integer(), floor: Nullable(Type.Number()), ceiling: Nullable(Type.Number()) }),
  icc: Type.Object({
    status: Availability,
    /** Schools with at least `minAnswers` answers: the groups of the ANOVA. */
    schools: Type.Integer(),
    icc1: Nullable(Type.Number()),
    icc2: Nullable(Type.Number()),
    k: Nullable(Type.Number()),
  }),
  flags: Type.Array(Type.Enum(['dont-know', 'empty', 'floor-ceiling', 'low-icc2'])),
});

export const ScaleQuality = Type.Object({
  factorId: Type.String(),
  factorTitle: Type.String(),
  role: Role,
  status: Availability,
  /** Respondents who answered every item, and their schools. */
  respondents: Type.Integer(),
  schools: Type.Integer(),
  alpha: Nullable(Type.Number()),
  items: Type.Array(
    Type.Object({
      indicatorId: Type.String(),
      /** True when the item was reversed so that a higher score means more risk. */
      reversed: Type.Boolean(),
      itemRest: Nullable(Type.Number()),
      flag: Nullable(Type.Enum(['weak', 'very-weak'])),
    }),
  ),
  flags: Type.Array(Type.Enum(['low-alpha'])),
});

export const QualityView = Type.Object({
  wave: WaveRef,
  model: ModelRef,
  /** The minimum data and the flags' thresholds, for the screen to say what is missing. */
  rules: Type.Object({
    iccSchools: Type.Integer(),
    iccMinAnswers: Type.Integer(),
    extremesSchools: Type.Integer(),
    scaleRespondents: Type.Integer(),
    scaleSchools: Type.Integer(),
    dontKnow: Type.Number(),
    extremes: Type.Number(),
    icc2: Type.Number(),
    alpha: Type.Number(),
    itemRest: Type.Number(),
    itemRestStrong: Type.Number(),
  }),
  items: Type.Array(ItemQuality),
  scales: Type.Array(ScaleQuality),
});
export type QualityView = Static<typeof QualityView>;
export type ItemQuality = Static<typeof ItemQuality>;
export type ScaleQuality = Static<typeof ScaleQuality>;
