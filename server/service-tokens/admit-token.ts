import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { audit } from '../audit/log.js';
import { ApiError } from '../shared/errors.js';
import type { TokenPermission } from '../shared/vocabulary.js';
import type { Caller } from '../territory/scope.js';
import type { RequestBudget } from './request-budget.js';
import { findServiceTokenBySecret, markServiceTokenUsed, type StoredServiceToken } from './tokens.repository.js';

/** A request made with a service token: who it is, and the territory it answers for. */
export interface TokenCaller extends Caller {
  tokenId: number;
  permissions: TokenPermission[];
}

/** `Authorization: Bearer <secret>`, or undefined when the request carries none. */
export function bearerSecret(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/** A region's token sees its region as a region account does; a municipality's, as a municipality account. */
function callerOf(token: StoredServiceToken): TokenCaller {
  return {
    role: token.municipality_id === null ? 'region' : 'municipality',
    regionId: token.region_id,
    municipalityId: token.municipality_id,
    schoolId: null,
    tokenId: token.id,
    permissions: token.permissions,
  };
}

/**
 * Admits a request that came with a service token, or refuses it. Every use of a known token is audited, refused ones
 * too, before the route runs, so no use of a token can go unrecorded. The route's `config.token` lists the
 * permissions that open it; a route without it (staff pages, accounts, sessions) never opens to a token.
 */
export async function admitToken(db: Db, budget: RequestBudget, req: FastifyRequest, reply: FastifyReply, secret: string): Promise<TokenCaller> {
  const token = await findServiceTokenBySecret(db, secret);
  if (!token) throw new ApiError(401, 'token_invalid', 'Unknown service token; check the Authorization header');
  const refuse = async (error: ApiError) => {
    await recordUse(db, req, token.id, error.code);
    return error;
  };
  const now = new Date();
  if (token.revoked_at) throw await refuse(new ApiError(401, 'token_revoked', `This service token was revoked on ${token.revoked_at.toISOString()}`));
  if (token.expires_at <= now) throw await refuse(new ApiError(401, 'token_expired', `This service token expired on ${token.expires_at.toISOString()}`));
  const opens = req.routeOptions.config.token;
  if (!opens) throw await refuse(new ApiError(403, 'token_not_allowed', 'A service token cannot do this; it needs a person logged in'));
  if (!opens.some((permission) => token.permissions.includes(permission))) {
    throw await refuse(new ApiError(403, 'token_permission', `This service token lacks the permission for this: ${opens.join(' or ')}`));
  }
  const retryAfter = await budget.spend(token.id, token.requests_per_minute);
  if (retryAfter > 0) {
    reply.header('retry-after', retryAfter);
    throw await refuse(
      new ApiError(429, 'token_rate_limited', `This token may make ${token.requests_per_minute} requests a minute; try again in ${retryAfter} s`),
    );
  }
  await recordUse(db, req, token.id, null);
  await markServiceTokenUsed(db, token.id, now);
  return callerOf(token);
}

async function recordUse(db: Db, req: FastifyRequest, tokenId: number, refused: string | null) {
  await audit(db, {
    userId: null,
    tokenId,
    action: refused ? 'token.refused' : 'token.use',
    entity: 'service_token',
    entityId: tokenId,
    details: { method: req.method, route: req.routeOptions.url ?? null, path: req.url.split('?')[0], ...(refused ? { reason: refused } : {}) },
  });
}
