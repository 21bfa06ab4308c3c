import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The policy every page and API answer carries. Everything the product loads comes from this server:
 * the built client, its hashed assets, the API. What needs more than `'self'`:
 * - style-src 'unsafe-inline': SurveyJS and swagger-ui write style attributes and <style> elements;
 *   scripts stay strict, which is what keeps an injected string from running.
 * - img-src data: QR codes are SVG data URLs, the respondent page's icon is `data:,`, swagger-ui and
 *   SurveyJS draw their icons as data URLs.
 * No upgrade-insecure-requests: a school's server on a LAN address without HTTPS would lose every asset.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    // Nobody frames the questionnaire or the staff screens: no clickjacking of a submit or an import.
    frameAncestors: ["'none'"],
  },
};

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  frameguard: { action: 'deny' },
  // Links are credentials: a respondent's page must not hand its address to anyone it links to.
  referrerPolicy: { policy: 'no-referrer' },
  // Sent by the hook below on https answers only: it means nothing over http, where anyone on the way could strip it.
  strictTransportSecurity: false,
};

/**
 * A year, without includeSubDomains: the server answers for its own name, not for the school's or region's other
 * sites. Once a browser has seen it, it reaches this name by https only, whatever address is typed or followed.
 */
export const HSTS = 'max-age=31536000';

/**
 * Helmet's headers, worked out once. The policy is the same for every answer, and @fastify/helmet rebuilds
 * it on every request: a tenth of a millisecond of a submission's server time (bench/http-submissions.ts).
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)), removeHeader: () => {} };
  helmet(options)({} as never, res as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Security headers on every answer: pages, assets, API and errors alike. */
export function registerSecurityHeaders(app: FastifyInstance) {
  const headers = securityHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
}
