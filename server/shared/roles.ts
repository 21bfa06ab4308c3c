/** Respondent roles of a school; the order is the order screens and exports list them in. */
export const ROLES = ['principal', 'teacher', 'student', 'parent'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
