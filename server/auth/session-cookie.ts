import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/** Where the session id travels, and how it is written: one per deployment, decided by its public address. */
export interface SessionCookie {
  name: string;
  options(req: FastifyRequest, expires?: Date): CookieSerializeOptions;
}

/**
 * Served over https (`PUBLIC_URL`), the session cookie is `__Host-sid`: browsers accept a cookie of that name only
 * with Secure, `Path=/` and no Domain, so neither a plain-http page nor a neighbouring subdomain can plant or
 * overwrite it, and it is never sent unencrypted. Over plain http (a local or demo start) it stays `sid`, which
 * browsers would refuse to store under the prefix; it is still Secure when a trusted proxy says the request came by https.
 */
export function sessionCookie(publicUrl: string | undefined): SessionCookie {
  const https = publicUrl !== undefined && new URL(publicUrl).protocol === 'https:';
  return {
    name: https ? '__Host-sid' : 'sid',
    options: (req, expires) => ({ path: '/', httpOnly: true, sameSite: 'lax', secure: https || req.protocol === 'https', expires }),
  };
}
