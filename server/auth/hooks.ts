import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { admitToken, bearerSecret, type TokenCaller } from '../service-tokens/admit-token.js';
import { RequestBudget } from '../service-tokens/request-budget.js';
import { ApiError } from '../shared/errors.js';
import { ACCESS_ROLES } from '../territory/access.js';
import type { Caller } from '../territory/scope.js';
import type { Principal } from './session.schemas.js';
import { findActiveSession, touchSession } from './sessions.repository.js';

export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
    /** Set instead of `principal` when a service token made the request. */
    serviceToken: TokenCaller | null;
  }
}

const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Log in to continue');

/** The caller of a route whose access is not public; the hook below turns such a request away without one. */
export function staffPrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/** Whom a route open to service tokens answers: the logged-in person, or the token. */
export function requestCaller(req: FastifyRequest): Caller {
  return req.serviceToken ?? staffPrincipal(req);
}

/** Who the audit log names for a change: a person, or a service token. */
export function actorOf(req: FastifyRequest): { userId: number | null; tokenId: number | null } {
  return req.serviceToken ? { userId: null, tokenId: req.serviceToken.tokenId } : { userId: staffPrincipal(req).id, tokenId: null };
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
  app.decorateRequest('serviceToken', null);
  const tokenBudget = new RequestBudget(app.limits);

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    const secret = bearerSecret(req);
    if (secret !== undefined && access && access !== 'public') {
      // A browser never adds this header on its own, so a token needs no CSRF check; any cookie is ignored.
      req.serviceToken = await admitToken(app.db, tokenBudget, req, reply, secret);
      return;
    }
    const sid = req.cookies[app.sessionCookie.name];
    if (sid && access !== 'public') {
      const session = await findActiveSession(app.db, sid);
      if (session) {
        req.principal = session.principal;
        req.csrfToken = session.csrfToken;
        await touchSession(app.db, sid, session);
      }
    }
    if (!access || access === 'public') return;
    // A cookie the server no longer knows: the session ended (idle, too old, logged out elsewhere). The page says so.
    if (!req.principal && sid) throw new ApiError(401, 'session_expired', 'The session has ended; log in again');
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
