import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../shared/errors.js';
import { ACCESS_ROLES } from '../territory/access.js';
import type { Principal } from './session.schemas.js';
import { findActiveSession, touchSession } from './sessions.repository.js';

export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
  }
}

const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Log in to continue');

/** The caller of a route whose access is not public; the hook below turns such a request away without one. */
export function staffPrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
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
    if (!req.principal) throw unauthenticated();
    if (!ACCESS_ROLES[access].includes(req.principal.role)) {
      throw new ApiError(403, 'forbidden', 'Your account may not do this');
    }
    // A cookie is sent by the browser on any site's request; the token proves the request came from our page.
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.csrfToken) {
      throw new ApiError(403, 'csrf', `Missing or wrong ${CSRF_HEADER} header; reload the page`);
    }
  });
}
