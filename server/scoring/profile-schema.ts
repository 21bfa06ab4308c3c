import { Type, type Static } from '@fastify/type-provider-typebox';
import { Level, Nullable, perRole, Role } from '../shared/vocabulary.js';
import { INDICATOR_KINDS } from './indicator-kinds.js';

/**
 * What the engine makes of a school's answers, as the profile API serves it: the engine's result types are
 * these schemas' static types, so the two cannot drift apart.
 */

export const RoleParticipation = Type.Object({
  expected: Type.Integer(),
  responses: Type.Integer(),
  /** responses / expected; null when nobody is expected. */
  rate: Nullable(Type.Number()),
  reportable: Type.Boolean(),
});
export type RoleParticipation = Static<typeof RoleParticipation>;

export const ProfileRoles = perRole(RoleParticipation);

/** docs/methodology.md §2: why an indicator has no value; `no-roster`: a `rate` whose role nobody is expected of. */
export const MissingReason = Type.Enum(['role-not-reportable', 'no-answers', 'too-few-answers', 'no-roster']);
export type MissingReason = Static<typeof MissingReason>;

export const IndicatorKind = Type.Enum(INDICATOR_KINDS);

export const IndicatorResult = Type.Object({
  id: Type.String(),
  role: Role,
  kind: IndicatorKind,
  weight: Type.Number(),
  /** sum / n; for `choice` the mean risk; for `rate` responses ÷ expected. Null when missing. */
  value: Nullable(Type.Number()),
  risk: Nullable(Type.Number()),
  /**
   * The standard error of `value`, with the finite-population correction (docs/methodology.md §8); 0 for the
   * principal, a rate, or a group that answered in full. Null wherever `value` is.
   */
  se: Nullable(Type.Number()),
  /** |A| (for `rate`: the role's responses), counted even when the role is not reportable; what a reader is shown of it is `IndicatorView.n`. */
  n: Type.Integer(),
  missing: Nullable(MissingReason),
});
export type IndicatorResult = Static<typeof IndicatorResult>;

/**
 * docs/methodology.md §8: the score's standard error and its 80% interval `score ∓ z·se`, bounded to [0, 1]. The
 * interval is for reading the score; the level is the score's alone (§2).
 */
export const ScoreInterval = Type.Object({ low: Type.Number(), high: Type.Number(), se: Type.Number() });
export type ScoreInterval = Static<typeof ScoreInterval>;

export const FactorResult = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** Null when level is `insufficient`. */
  score: Nullable(Type.Number()),
  level: Level,
  /** Null when level is `insufficient`. */
  interval: Nullable(ScoreInterval),
  /** «пограничный»: the interval holds a threshold of the factor's levels (docs/methodology.md §8). */
  borderline: Type.Boolean(),
  coverage: Type.Number(),
  indicators: Type.Array(IndicatorResult),
});
export type FactorResult = Static<typeof FactorResult>;

/**
 * An indicator as the API shows it: `n` is null where it is below the minimum group of an anonymous role and the
 * reader is not an administrator (docs/methodology.md §6 rule 1; server/disclosure/small-counts.ts).
 */
export const IndicatorView = Type.Object({ ...IndicatorResult.properties, n: Nullable(Type.Integer()) });
export type IndicatorView = Static<typeof IndicatorView>;

export const FactorView = Type.Object({ ...FactorResult.properties, indicators: Type.Array(IndicatorView) });
export type FactorView = Static<typeof FactorView>;
