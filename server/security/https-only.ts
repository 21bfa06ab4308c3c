import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import { ApiError } from '../shared/errors.js';

/** Paths a load balancer or monitoring on this machine polls by plain http; each still checks its own access. */
const PROBES = new Set(['/api/health', '/metrics']);

const isLoopback = (address: string | undefined) => {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
};

/**
 * A probe from this machine's own socket: decided on the connection itself, never on X-Forwarded-For, which a
 * proxy on this machine writes from whatever the client sent.
 */
function isLocalProbe(req: FastifyRequest): boolean {
  return PROBES.has(req.url.split('?')[0]!) && isLoopback(req.socket.remoteAddress) && req.headers['x-forwarded-for'] === undefined;
}

/**
 * In production every page and API answer goes by https only. `req.protocol` is the socket's, or X-Forwarded-Proto
 * when the request came through a trusted proxy (TRUST_PROXY): a client cannot claim https by writing the header.
 * A read is sent on to the same path at the https address (308 keeps the method); a change is refused, because a
 * redirect would have sent its body, and the session cookie with it, in the clear already.
 */
export function registerHttpsOnly(app: FastifyInstance, publicUrl: string) {
  const origin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https' || isLocalProbe(req)) return;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const path = req.url.startsWith('/') && !req.url.startsWith('//') ? req.url : '/';
      return reply.redirect(`${origin}${path}`, 308);
    }
    throw new ApiError(403, 'https_required', `This server accepts changes by https only; use ${origin}`);
  });
}
