import { Type, type Static } from '@fastify/type-provider-typebox';
import { Day, Id, Nullable, ProgrammeState, SchoolInMunicipality, SchoolRef, WaveTerms } from '../shared/vocabulary.js';

/**
 * A school's programmes of a wave taken together: `none` when the school has no priority, or when some priority
 * has no programme yet; otherwise the least advanced state of the programmes of its priorities, in the order
 * none < draft < returned < submitted < approved. A returned programme stands above a draft: it has been read once
 * and the school knows what to change. A school is `approved` only when every one of its priorities is.
 */
export const OVERALL_STATES = ['none', 'draft', 'returned', 'submitted', 'approved'] as const;
export const OverallState = Type.Enum(OVERALL_STATES);
export type OverallState = Static<typeof OverallState>;

export const ProgrammeCell = Type.Object({
  factorId: Type.String(),
  factorTitle: Type.String(),
  /** False for a programme whose factor has left the school's priorities since: its work is still followed, its state no longer counts. */
  priority: Type.Boolean(),
  programmeId: Nullable(Type.Integer()),
  /** Null: a priority without a programme yet. */
  state: Nullable(ProgrammeState),
});

export const SchoolProgrammesOverview = Type.Object({
  school: SchoolInMunicipality,
  /** How many priorities the school chose in the wave (up to three). */
  priorities: Type.Integer(),
  /** The priorities in the team's order, then any programme of a factor that is no longer a priority. */
  programmes: Type.Array(ProgrammeCell),
  state: OverallState,
  /** Measures of its programmes not done whose deadline has passed in the region's time zone: the deadline's own day is still in time. */
  overdueMeasures: Type.Integer(),
  /** Remarks of reviewers the school has not answered yet. */
  openRemarks: Type.Integer(),
  /** The names of the curators the region assigned to the school. */
  curators: Type.Array(Type.String()),
});
export type SchoolProgrammesOverview = Static<typeof SchoolProgrammesOverview>;

/** A part of the schools of the territory; `share` is null with no schools. */
export const ApprovedShare = Type.Object({ approved: Type.Integer(), total: Type.Integer(), share: Nullable(Type.Number()) });

export const CuratorWork = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The curator's schools of the wave that the caller sees. */
  schools: Type.Array(SchoolRef),
  /** Visits to those schools planned for a day since the wave opened, made or not. */
  visitsPlanned: Type.Integer(),
  /** Of them, those reported as made. */
  visitsMade: Type.Integer(),
  /** Of them, those whose day has passed and that are not reported as made. */
  visitsOverdue: Type.Integer(),
});
export type CuratorWork = Static<typeof CuratorWork>;

export const ProgrammesOverview = Type.Object({
  wave: WaveTerms,
  /** The region's day the overdue measures and visits are read against. */
  today: Day,
  /** The wave's first day in the region: visits planned from it on are counted. */
  visitsSince: Day,
  schools: Type.Array(SchoolProgrammesOverview),
  /** Schools in each overall state. */
  states: Type.Object(Object.fromEntries(OVERALL_STATES.map((s) => [s, Type.Integer()])) as Record<OverallState, ReturnType<typeof Type.Integer>>),
  /** Schools whose overall state is `approved`, of every school of the wave the caller sees. */
  approvedShare: ApprovedShare,
  /**
   * The region's curators: every one for a caller who sees the whole region, else those with a school the caller
   * sees, each with only those schools and their visits.
   */
  curators: Type.Array(CuratorWork),
});
export type ProgrammesOverview = Static<typeof ProgrammesOverview>;

export const ConfirmedChangeQuery = Type.Object({ from: Id });

/**
 * Why a school's positive change is not confirmed, in this order: first the survey (`not_compared`: no factor with a
 * score in both waves and measured alike; `no_positive_change`), then the earlier wave's programmes (`no_priorities`,
 * or any of `programme_missing`, `programme_not_approved`, `measures_not_done`, `evidence_missing`).
 */
export const MISS_REASONS = [
  'not_compared',
  'no_positive_change',
  'no_priorities',
  'programme_missing',
  'programme_not_approved',
  'measures_not_done',
  'evidence_missing',
] as const;
export const MissReason = Type.Enum(MISS_REASONS);
export type MissReason = Static<typeof MissReason>;

export const ChangeShare = Type.Object({
  count: Type.Integer(),
  total: Type.Integer(),
  /** count / total; null with no schools. */
  share: Nullable(Type.Number()),
  /** The schools that miss it, by id, in the order of `schools`. */
  missing: Type.Array(Type.Integer()),
});
export type ChangeShare = Static<typeof ChangeShare>;

export const SchoolConfirmation = Type.Object({
  schoolId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  municipality: Type.String(),
  /** docs/methodology.md §4 between the two waves; null when no factor could be compared at all. */
  surveyPositive: Nullable(Type.Boolean()),
  confirmed: Type.Boolean(),
  /** Empty exactly when confirmed. */
  reasons: Type.Array(MissReason),
});
export type SchoolConfirmation = Static<typeof SchoolConfirmation>;

/**
 * docs/methodology.md §11. Positive change by the survey alone, as the region's picture counts it, and confirmed
 * positive change: the survey's, and the school did what it planned after the earlier wave — it had priorities, each
 * has an approved programme, every measure of them is done, and every done measure has evidence.
 */
export const ConfirmedChange = Type.Object({
  earlier: WaveTerms,
  later: WaveTerms,
  target: Type.Number(),
  surveyOnly: ChangeShare,
  confirmed: ChangeShare,
  schools: Type.Array(SchoolConfirmation),
});
export type ConfirmedChange = Static<typeof ConfirmedChange>;
