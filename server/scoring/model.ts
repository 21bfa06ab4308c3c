import type { Role } from '../shared/roles.js';
import type { FactorResult, RoleParticipation } from './profile-schema.js';

/** Thresholds on a factor score: `high` when score ≥ high, `medium` when score ≥ medium. */
export interface Levels {
  medium: number;
  high: number;
}

/** One number for every role, or per role (a role absent from the map uses {@link DEFAULT_MIN_RATE}). */
export type MinRate = number | Partial<Record<Role, number>>;

export const DEFAULT_MIN_RATE = 0.5;

/** The value of a choice; `risk` maps use its string form as the key, so matching is by `String(value)`. */
export type ChoiceValue = string | number;

interface IndicatorBase {
  id: string;
  role: Role;
  /** Positive; defaults to 1 in the file (METHODOLOGY §5), always present after loading. */
  weight: number;
  title?: string;
  description?: string;
}

export interface ShareIndicator extends IndicatorBase {
  kind: 'share';
  question: string;
  values: ChoiceValue[];
  /** Defaults 0 and 1 (METHODOLOGY §2). */
  best?: number;
  worst?: number;
}

export interface MeanIndicator extends IndicatorBase {
  kind: 'mean';
  question: string;
  best: number;
  worst: number;
}

export interface ChoiceIndicator extends IndicatorBase {
  kind: 'choice';
  question: string;
  /** Risk in [0, 1] per choice value. */
  risk: Record<string, number>;
}

export interface RatioIndicator extends IndicatorBase {
  kind: 'ratio';
  numerator: string;
  denominator: string;
  best: number;
  worst: number;
}

export type Indicator = ShareIndicator | MeanIndicator | ChoiceIndicator | RatioIndicator;
export type IndicatorKind = Indicator['kind'];
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['share', 'mean', 'choice', 'ratio'];

export interface Factor {
  id: string;
  title: string;
  description?: string;
  levels?: Levels;
  indicators: Indicator[];
}

export interface RiskModel {
  id: string;
  title: string;
  description?: string;
  levels: Levels;
  minRate: MinRate;
  factors: Factor[];
}

/** One response: SurveyJS `survey.data`, question name → answer. */
export type Answers = Record<string, unknown>;

/**
 * Sufficient statistics of one indicator: `n` = |A| and `sum` of the per-response
 * contributions, so value = sum / n. Sums of disjoint response sets add up, which
 * lets SQL aggregate them and lets waves be merged.
 */
export interface IndicatorStat {
  n: number;
  sum: number;
}

/** Indicator id → statistics. */
export type IndicatorStats = Record<string, IndicatorStat>;

export interface CollectedStats {
  /** |R| per role: every response, answered or not. */
  responses: Record<Role, number>;
  indicators: IndicatorStats;
}

// The engine's results are the profile API's shapes, defined once as schemas.
export type { FactorResult, IndicatorResult, MissingReason, RoleParticipation } from './profile-schema.js';
export type { Level } from '../shared/vocabulary.js';

export interface Profile {
  modelId: string;
  roles: Record<Role, RoleParticipation>;
  factors: FactorResult[];
}
