import type { ProgrammeEventAction, ProgrammeState } from '../shared/vocabulary.js';

export type ProgrammeStep = 'submit' | 'approve' | 'return';

/**
 * The programme's life cycle: the one table of legal steps. A team submits a draft or a returned programme (the
 * second time it is a resubmission); a reviewer approves or returns a submitted one. Anything else is refused.
 */
const STEPS: Record<ProgrammeStep, Partial<Record<ProgrammeState, { to: ProgrammeState; event: ProgrammeEventAction }>>> = {
  submit: { draft: { to: 'submitted', event: 'submitted' }, returned: { to: 'submitted', event: 'resubmitted' } },
  approve: { submitted: { to: 'approved', event: 'approved' } },
  return: { submitted: { to: 'returned', event: 'returned' } },
};

export function stepFrom(state: ProgrammeState, step: ProgrammeStep): { to: ProgrammeState; event: ProgrammeEventAction } | null {
  return STEPS[step][state] ?? null;
}

/** The content (goal, tasks, measures) changes only before it is sent for review, or after it came back. */
export const isEditable = (state: ProgrammeState) => state === 'draft' || state === 'returned';
