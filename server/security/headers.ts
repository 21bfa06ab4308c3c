import helmet from '@fastify/helmet';
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

/** Security headers on every answer: pages, assets, API and errors alike. */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    frameguard: { action: 'deny' },
    // Links are credentials: a respondent's page must not hand its address to anyone it links to.
    referrerPolicy: { policy: 'no-referrer' },
  });
}
