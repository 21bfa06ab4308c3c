/**
 * The minimum group (docs/methodology.md §2, §6 rule 1), for the server's engine and views and the client's screens
 * alike. Files in this folder import nothing, so the client may run them as they are.
 */

/** No figure of an anonymous role rests on fewer answers than this, and a count below it is not shown. */
export const MIN_GROUP = 5;

/**
 * The roles whose respondents answer anonymously. The principal is not among them: that questionnaire is the
 * school's own report, shown as it is.
 */
export const ANONYMOUS_ROLES: readonly string[] = ['teacher', 'student', 'parent'];

export function isAnonymous(role: string): boolean {
  return ANONYMOUS_ROLES.includes(role);
}
