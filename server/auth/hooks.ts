import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../shared/errors.js';
import { ACCESS_ROLES } from '../shared/access.js';
import type { Principal } from './principal.js';
import { findActiveSession, touchSession } from './sessions.repository.js';

export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session of every request and enforces each route's declared access. Registered on the root
 * instance, so no route can slip past it.
 */
export async function registerAuthHooks(app: FastifyInstance) {
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    const sid = req.cookies[app.sessionCookie.name];
    if (sid && access !== 'public') {
      const session = await findActiveSession(app.db, sid);
      if (session) {
        req.principal = session.principal;
        req.csrfToken = session.csrfToken;
        await touchSession(app.db, sid, session.expiresAt);
      }
    }
    if (!access || access === 'public') return;
    if (!req.principal) throw new ApiError(401, 'unauthenticated', 'Log in to continue');
    if (!ACCESS_ROLES[access].includes(req.principal.role)) {
      throw new ApiError(403, 'forbidden', 'Your account may not do this');
    }
    // A cookie is sent by the browser on any site's request; the token proves the request came from our page.
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.csrfToken) {
      throw new ApiError(403, 'csrf', `Missing or wrong ${CSRF_HEADER} header; reload the page`);
    }
  });
}
