import type { AccountRole } from '../db/schema.js';
import type { TokenPermission } from '../shared/vocabulary.js';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the app refuses to start
 * with a route that does not. Which school, municipality or region a request may reach is checked in the
 * handler with assert.ts, because only the handler knows which school or wave a request is about.
 */
export type Access = 'public' | 'account' | 'staff' | 'coordinator' | 'admin' | 'audit';

export const ACCESS_ROLES: Record<Exclude<Access, 'public'>, readonly AccountRole[]> = {
  /** Anyone logged in, about their own session and password. */
  account: ['admin', 'region', 'municipality', 'school', 'curator', 'security'],
  /** The people who work with schools; the security administrator is not one of them. */
  staff: ['admin', 'region', 'municipality', 'school', 'curator'],
  coordinator: ['admin', 'region', 'municipality'],
  admin: ['admin'],
  /** Who reads the audit log. */
  audit: ['admin', 'security'],
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The service-token permissions, any one of which opens the route to a token; without it no token may call the
     * route, whatever its access. A token stands in for the access check, so the handler checks the territory.
     */
    token?: readonly TokenPermission[];
  }
}
