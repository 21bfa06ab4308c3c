import type { AccountRole } from '../shared/session';

/** Where an account lands after signing in, and where a page it may not open sends it. */
export function homePath(role: AccountRole): string {
  switch (role) {
    case 'admin':
      return '/admin';
    case 'school':
      return '/school';
    case 'curator':
      return '/curator';
    case 'security':
      return '/audit';
    case 'region':
    case 'municipality':
      return '/coordinator';
  }
}
