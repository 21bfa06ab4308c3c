import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import zlib from 'node:zlib';
import { resolve } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db, DatabaseKind, PoolStats, StorageState } from './db/connect.js';
import { registerMetrics } from './operations/metrics.js';
import rateLimit from '@fastify/rate-limit';
import { MemoryLimitWindows, SqlLimitWindows, type LimitWindows } from './limits/limit-windows.js';
import { limitStore } from './limits/rate-limit-store.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { withSecurity } from './shared/openapi-security.js';
import { withErrorResponses } from './shared/openapi-errors.js';
import { respondRoutes } from './respond/routes.js';
import { codeEntryRoutes } from './respond/code-entry.routes.js';
import { curatorRoutes } from './curators/curators.routes.js';
import { visitRoutes } from './curators/visits.routes.js';
import { evidenceRoutes } from './programmes/evidence.routes.js';
import { programmeRoutes } from './programmes/programmes.routes.js';
import { programmeMonitoringRoutes } from './programme-monitoring/monitoring.routes.js';
import { serviceTokenRoutes } from './service-tokens/tokens.routes.js';
import { registerAuthHooks } from './auth/hooks.js';
import { registerSecurity } from './security/plugin.js';
import { registerHttpsOnly } from './security/https-only.js';
import { loggingOptions } from './security/logging.js';
import { authRoutes } from './auth/routes.js';
import { twoFactorRoutes } from './auth/two-factor/two-factor.routes.js';
import { accountRoutes } from './admin/accounts/routes.js';
import { myDataRoutes } from './my-data/my-data.routes.js';
import { auditRoutes } from './admin/audit/routes.js';
import { waveRoutes } from './admin/waves/waves.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import type { RetentionSteps } from './retention/apply.js';
import { rosterCorrectionRoutes } from './admin/waves/roster-correction.routes.js';
import { linkRoutes } from './admin/links/links.routes.js';
import { translationRoutes } from './admin/translations/translations.routes.js';
import { operatorRoutes } from './operator/operator.routes.js';
import { respondentLinks } from './links/respondent-links.js';
import { rosterPlugin } from './admin/roster/plugin.js';
import { contextPlugin } from './context/plugin.js';
import { participationRoutes } from './participation/participation.routes.js';
import { reviewRoutes } from './participation/review.routes.js';
import { paperRoutes } from './paper/paper.routes.js';
import { refusalsRoutes } from './participation/refusals.routes.js';
import { noticeRoutes } from './notices/notices.routes.js';
import { profileRoutes } from './profiles/routes.js';
import { explanationRoutes } from './explanations/explanation.routes.js';
import { dynamicsRoutes } from './dynamics/dynamics.routes.js';
import { comparisonRoutes } from './comparisons/comparisons.routes.js';
import { RegionProfilesCache } from './profiles/region-profiles-cache.js';
import { trendRoutes } from './dynamics/trend.routes.js';
import { priorityRoutes } from './priorities/priorities.routes.js';
import { regionPictureRoutes } from './region-picture/region-picture.routes.js';
import { contextScatterRoutes } from './context-scatter/context-scatter.routes.js';
import { methodologyRoutes } from './methodology/methodology.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { refuseWritesWhileDiskIsLow } from './health/refuse-writes.js';
import { ApiError } from './shared/errors.js';
import type { Access } from './territory/access.js';
import type { TokenPermission } from './shared/vocabulary.js';
import type { TrustProxy } from './security/trust-proxy.js';
import { sessionCookie, type SessionCookie } from './auth/session-cookie.js';
import type { Listen } from './db/notifications.js';

const DOCS_PREFIX = '/api/docs';
export const CLIENT_DIST = resolve(import.meta.dirname, '../dist/client');

export interface AppDeps {
  db: Db;
  dbKind: DatabaseKind;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built client from dist/client (off in API tests). */
  serveClient?: boolean;
  /** Where respondents reach the server; printed links and QR codes start with it. */
  publicUrl?: string;
  /** Production (config.ts): https only (`publicUrl` must be https), the API description for staff only. */
  production?: boolean;
  /** Whose forwarded headers to believe (`TRUST_PROXY`); nobody's by default. */
  trustProxy?: TrustProxy;
  /** The embedded database's state: writes refused on a nearly full disk, unavailable while it restarts. */
  storage?: StorageState;
  /** PostgreSQL's connection pool, whose use /metrics reports. */
  pool?: PoolStats;
  /** `METRICS_TOKEN`: the bearer token /metrics asks for; without it /metrics answers this machine only. */
  metricsToken?: string | null;
  /** PostgreSQL's notifications: the live view hears other instances' answers as they are stored. */
  listen?: Listen;
  /** Write a questionnaire's first questions into its page (on unless false); the bench turns it off for its baseline. */
  firstPage?: boolean;
  /** The retention job's steps owned by other modules (server/retention/apply.ts). */
  retentionSteps?: RetentionSteps;
}

/** respond.html of this build, read once: it changes only with a new build, which restarts the server. */
function respondentTemplate(): () => Promise<string> {
  let template: Promise<string> | null = null;
  return () =>
    (template ??= readFile(resolve(CLIENT_DIST, 'respond.html'), 'utf8').catch((error: unknown) => {
      template = null;
      throw error;
    }));
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DatabaseKind;
    /** Where every limit counts (server/limits/): PostgreSQL, shared by the instances on it; memory on PGlite. */
    limits: LimitWindows;
    /** Every /api route with its declared access; the authorisation matrix test walks it. */
    routeAccess: Array<{ method: string; url: string; access: Access; token?: readonly TokenPermission[] }>;
    sessionCookie: SessionCookie;
  }
  interface FastifyRequest {
    /** The `code` of the error this request was answered with, for what counts refusals; null when it succeeded. */
    errorCode: string | null;
  }
}

/** A questionnaire link (/s/<token>), the code-entry page (/c) and the public preview (/questionnaires/<role>) are the respondent's light page, not the staff app. */
const RESPOND_SW = /[/\\]respond-sw\.js(?:\.br|\.gz)?$/;

const isRespondentPage = (url: string) => url.startsWith('/s/') || url.startsWith('/questionnaires/') || /^\/c\/?(\?|$)/.test(url);

/** Builds the whole server without listening, so tests drive it with `inject`. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    ...loggingOptions(deps.logger),
    // Behind a reverse proxy the client's address and protocol come from X-Forwarded-*, believed only from the proxy.
    trustProxy: deps.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', deps.db);
  app.decorate('dbKind', deps.dbKind);
  app.decorate<LimitWindows>('limits', deps.dbKind === 'postgresql' ? new SqlLimitWindows(deps.db) : new MemoryLimitWindows());
  app.decorate('routeAccess', []);
  app.decorate('sessionCookie', sessionCookie(deps.publicUrl));
  app.decorateRequest('errorCode', null);
  registerMetrics(app, { token: deps.metricsToken ?? null, pool: deps.pool });

  app.addHook('onRoute', (route) => {
    // Every route checks its own access, so the API description gives nothing away; still, in production nobody
    // but staff is handed a map of the API to probe.
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, access: deps.production ? 'staff' : 'public' };
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
    if (route.url.startsWith('/api/') && !route.url.startsWith(DOCS_PREFIX)) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access: route.config!.access!, token: route.config!.token });
      }
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, req, reply) => {
    const answer = (statusCode: number, body: { code: string; message: string; details?: unknown }) => {
      req.errorCode = body.code;
      return reply.code(statusCode).send({ statusCode, ...body });
    };
    if (error instanceof ApiError) {
      return answer(error.statusCode, { code: error.code, message: error.message, details: error.details });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed');
      return answer(500, { code: 'internal', message: 'Internal error; the request was not applied. Try again later.' });
    }
    if (error.validation) {
      return answer(400, { code: 'invalid_request', message: `Invalid request: ${error.message}` });
    }
    // Fastify's own 4xx (body too large, bad JSON, wrong content type) carry clear messages already.
    // A rate limit's refusal comes without a code of its own; scripts and the phone page read `rate_limited`.
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : status === 429 && !error.code
          ? 'rate_limited'
          : (error.code ?? 'bad_request').toLowerCase();
    return answer(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 400 : status, { code, message: error.message });
  });

  // OpenAPI is generated from the same route schemas that validate requests: one definition, never out of date.
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Анкетирование школ «500+» API',
        version: '1',
        description:
          'Errors are { statusCode, code, message }. People call the API with the session cookie from POST /api/auth/login, and send the x-csrf-token header with every change; regional systems call it with `Authorization: Bearer <service token>`, which opens the operations listed with x-token-permissions.',
      },
    },
    transformObject: (document) =>
      'openapiObject' in document ? withSecurity(withErrorResponses(document.openapiObject), app.routeAccess) : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  // Big JSON (a region's participation, profiles, exports) goes compressed: a coordinator's connection may be
  // a rural one. Brotli's low levels cost a few milliseconds a megabyte; built assets come precompressed instead.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
    // Request bodies stay as sent: a compressed body would slip past the body limits.
    globalDecompression: false,
    syncThreshold: 16 * 1024 * 1024,
  });

  // Limits are declared per route (login, submissions); a whole school may share one address, so none is global.
  await app.register(rateLimit, { global: false, hook: 'preHandler', store: limitStore(app.limits) });
  await registerSecurity(app);
  if (deps.production) {
    if (!deps.publicUrl?.startsWith('https://')) throw new Error('Production needs an https publicUrl to send plain-http requests to');
    registerHttpsOnly(app, deps.publicUrl);
  }
  if (deps.storage) refuseWritesWhileDiskIsLow(app, deps.storage);
  await registerAuthHooks(app);

  await app.register(healthRoutes, { storage: deps.storage });
  const servesClient = Boolean(deps.serveClient) && existsSync(CLIENT_DIST);
  await app.register(respondRoutes, { page: servesClient && deps.firstPage !== false ? { template: respondentTemplate() } : undefined });
  await app.register(codeEntryRoutes);
  await app.register(authRoutes);
  await app.register(twoFactorRoutes);
  await app.register(accountRoutes);
  await app.register(myDataRoutes);
  await app.register(auditRoutes);
  await app.register(serviceTokenRoutes);
  await app.register(translationRoutes);
  await app.register(operatorRoutes);
  await app.register(waveRoutes);
  await app.register(retentionRoutes, { steps: deps.retentionSteps });
  await app.register(rosterCorrectionRoutes);
  const links = respondentLinks(deps.db, deps.publicUrl ?? 'http://localhost:3000');
  // Whole-region scores of closed waves, for every view that sets schools side by side: each wave scored once.
  const regionScores = new RegionProfilesCache();
  await app.register(linkRoutes, { respondentLinks: links });
  await app.register(rosterPlugin);
  await app.register(contextPlugin);
  await app.register(participationRoutes, { respondentLinks: links, listen: deps.listen });
  await app.register(reviewRoutes);
  await app.register(paperRoutes);
  await app.register(refusalsRoutes);
  await app.register(noticeRoutes, { publicUrl: links.publicUrl });
  await app.register(profileRoutes, {});
  await app.register(explanationRoutes);
  await app.register(dynamicsRoutes);
  await app.register(comparisonRoutes, { regions: regionScores });
  await app.register(trendRoutes);
  await app.register(priorityRoutes);
  await app.register(programmeRoutes);
  await app.register(evidenceRoutes);
  await app.register(curatorRoutes);
  await app.register(visitRoutes);
  await app.register(programmeMonitoringRoutes);
  await app.register(regionPictureRoutes);
  await app.register(contextScatterRoutes, { regions: regionScores });
  await app.register(methodologyRoutes);

  if (servesClient) {
    await app.register(fastifyStatic, {
      root: CLIENT_DIST,
      index: false,
      wildcard: false,
      // The build writes .br and .gz beside every text file (vite.precompress.ts).
      preCompressed: true,
      setHeaders(res, path) {
        // Vite puts a content hash in every asset name, so assets never change under their name.
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
        // The respondent page's service worker keeps its name: browsers must ask for it at every check to see updates.
        else if (RESPOND_SW.test(path)) res.header('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || !deps.serveClient) {
      return reply.code(404).send({ statusCode: 404, code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
    }
    // The page names the hashed assets of one deploy, so browsers revalidate it at every visit;
    // without `cacheControl: false` sendFile would replace this header with `public, max-age=0`.
    reply.header('cache-control', 'no-cache');
    return reply.sendFile(isRespondentPage(req.url) ? 'respond.html' : 'index.html', { cacheControl: false });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
