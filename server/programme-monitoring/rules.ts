import type { Comparison } from '../dynamics/compare.js';
import type { MeasureStatus, ProgrammeState } from '../shared/vocabulary.js';
import { OVERALL_STATES, type MissReason, type OverallState } from './monitoring.schemas.js';

/** A state's place in `OVERALL_STATES`, the least advanced first; a programme state left out of it does not compile. */
const rank = (state: OverallState) => OVERALL_STATES.indexOf(state);

/** A school's overall state from the state of each priority's programme, null for a priority without one. */
export function overallState(priorityStates: Array<ProgrammeState | null>): OverallState {
  const states = priorityStates.filter((s): s is ProgrammeState => s !== null);
  if (states.length === 0 || states.length < priorityStates.length) return 'none';
  return states.reduce<OverallState>((least, state) => (rank(state) < rank(least) ? state : least), 'approved');
}

/** A share of the schools; null with none, so that an empty territory never reads as 0%. */
export const shareOf = (count: number, total: number) => (total > 0 ? count / total : null);

/**
 * The survey's verdict on a school (docs/methodology.md §4), or null when nothing could be compared: no factor has a
 * score in both waves and is measured alike. The region's picture counts such a school as showing no change.
 */
export function surveyPositive(comparison: Comparison | undefined): boolean | null {
  if (!comparison || comparison.factors.every((f) => f.delta === null)) return null;
  return comparison.positiveChange;
}

export interface ProgrammeWork {
  state: ProgrammeState;
  measures: Array<{ status: MeasureStatus; evidence: number }>;
}

/**
 * docs/methodology.md §11: every reason a school's positive change is not confirmed, in the order of `MISS_REASONS`;
 * none when it is. `priorities` holds the programme of each priority of the earlier wave, null for one without.
 */
export function missReasons(survey: boolean | null, priorities: Array<ProgrammeWork | null>): MissReason[] {
  const reasons: MissReason[] = survey === null ? ['not_compared'] : survey ? [] : ['no_positive_change'];
  if (priorities.length === 0) return [...reasons, 'no_priorities'];
  const programmes = priorities.filter((p): p is ProgrammeWork => p !== null);
  const measures = programmes.flatMap((p) => p.measures);
  if (programmes.length < priorities.length) reasons.push('programme_missing');
  if (programmes.some((p) => p.state !== 'approved')) reasons.push('programme_not_approved');
  if (measures.some((m) => m.status !== 'done')) reasons.push('measures_not_done');
  if (measures.some((m) => m.status === 'done' && m.evidence === 0)) reasons.push('evidence_missing');
  return reasons;
}
