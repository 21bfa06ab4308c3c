import type { Caller } from '../territory/scope.js';

/** The school's own team writes its programmes, answers remarks and reports on its measures. */
export function isTeamOf(caller: Caller, schoolId: number): boolean {
  return caller.role === 'school' && caller.schoolId === schoolId;
}

/**
 * Who reviews a school's programme: its curator, a coordinator of its region, or the administrator. A municipality
 * coordinator follows the programmes of its schools but does not approve them: the region appoints the reviewers.
 * The caller's reach of the school is checked before (territory/assert.ts).
 */
export function isReviewerOf(caller: Caller, schoolId: number): boolean {
  switch (caller.role) {
    case 'admin':
    case 'region':
      return true;
    case 'curator':
      return (caller.curatedSchoolIds ?? []).includes(schoolId);
    case 'municipality':
    case 'school':
    case 'security':
      return false;
  }
}
