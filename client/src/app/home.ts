import type { AccountRole } from '../shared/session';

/** Where an account lands after signing in, and where a page it may not open sends it. */
export function homePath(role: AccountRole): string {
  return role === 'admin' ? '/admin' : role === 'school' ? '/school' : '/coordinator';
}
