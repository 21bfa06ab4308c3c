import { Type, type Static } from '@fastify/type-provider-typebox';
import { LevelsSchema } from '../scoring/model.js';
import { Id, Instant, Level, ModelRef, Nullable, WaveTerms } from '../shared/vocabulary.js';

export const TrendWave = Type.Object({
  wave: WaveTerms,
  model: ModelRef,
  /** The instant the wave's figures reach the caller while they are withheld (docs/methodology.md §6 rule 2); null once released. */
  releasesAt: Nullable(Instant),
});

export const TrendPoint = Type.Object({
  /**
   * `scored`: the wave's profile shows the factor (its level may be `insufficient`, with no score); `withheld`: the
   * wave's figures are not released to the caller; `absent`: the wave's model has no such factor.
   */
  shown: Type.Enum(['scored', 'withheld', 'absent']),
  /** Null unless `scored` with a level other than `insufficient`. */
  score: Nullable(Type.Number()),
  /** Null unless `scored`. */
  level: Nullable(Level),
  /** Where the factor's levels begin in this wave's model (its own `levels`, else the model's); null when absent. */
  thresholds: Nullable(LevelsSchema),
  /**
   * The previous wave of the list measures this factor alike (docs/methodology.md §4): only then may a line join the
   * two points. False for the first wave and wherever either model lacks the factor.
   */
  alikeWithPrevious: Type.Boolean(),
});

export const TrendFactor = Type.Object({
  id: Type.String(),
  /** The title of the latest wave whose model has the factor. */
  title: Type.String(),
  /** One per wave, in the order of `waves`. */
  points: Type.Array(TrendPoint),
});

export const SchoolTrend = Type.Object({
  schoolId: Id,
  /** Every wave of the school's region that has opened with the school on its roster, earliest first. */
  waves: Type.Array(TrendWave),
  /** The latest model's factors in its order, then any factor only earlier models have. */
  factors: Type.Array(TrendFactor),
});
export type SchoolTrend = Static<typeof SchoolTrend>;
export type TrendPoint = Static<typeof TrendPoint>;
