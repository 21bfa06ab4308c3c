import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/connect.js';
import { bearerSecret } from '../service-tokens/admit-token.js';
import { ApiError } from '../shared/errors.js';

export interface MetricsOptions {
  /** `METRICS_TOKEN`: when set, a scrape must bring it as a bearer token; unset, only this machine may scrape. */
  token: string | null;
  /** PostgreSQL's connection pool; the embedded database has none. */
  pool?: PoolStats;
}

/**
 * What the monitoring system may learn: counts for the whole server, never per school, wave or link, since a
 * count of one school's answers is already its data.
 */
export class Metrics {
  readonly registry: Registry;
  private readonly answers: Counter<'outcome'>;
  private submissionQueue: () => number = () => 0;

  constructor(pool: PoolStats | undefined) {
    const own = new Registry();
    this.answers = new Counter({
      name: 'survey_answers_total',
      help: 'Questionnaire submissions by outcome: accepted, or the code of the refusal.',
      labelNames: ['outcome'],
      registers: [own],
    });
    const queueDepth = () => this.submissionQueue();
    new Gauge({
      name: 'survey_batcher_queue_depth',
      help: 'Answers waiting for their turn in the group commit.',
      registers: [own],
      collect() {
        this.set(queueDepth());
      },
    });
    if (pool) {
      const poolGauge = (name: string, help: string, read: (pool: PoolStats) => number) =>
        new Gauge({
          name,
          help,
          registers: [own],
          collect() {
            this.set(read(pool));
          },
        });
      poolGauge('db_pool_total', 'PostgreSQL connections open.', (p) => p.totalCount);
      poolGauge('db_pool_idle', 'PostgreSQL connections open and unused.', (p) => p.idleCount);
      poolGauge('db_pool_waiting', 'Queries waiting for a PostgreSQL connection.', (p) => p.waitingCount);
    }
    this.registry = Registry.merge([processMetrics(), own]);
  }

  countAnswer(outcome: string) {
    this.answers.inc({ outcome });
  }

  /** The respondent routes own the group commit; they say how to read its queue. */
  watchSubmissionQueue(depth: () => number) {
    this.submissionQueue = depth;
  }
}

let processRegistry: Registry | undefined;
/**
 * The process's own figures (memory, CPU, event loop) are collected once per process: each collection watches the
 * garbage collector for ever, and tests build many apps in one process.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const isLoopback = (ip: string) => ip === '::1' || /^(::ffff:)?127\./.test(ip);

/** Refuses a scrape that brings the wrong token, or, without a token configured, one from another machine. */
function guard(token: string | null) {
  const expected = token === null ? null : digest(token);
  return async (req: FastifyRequest) => {
    if (expected === null) {
      // req.ip is the forwarded client's address behind a trusted proxy, so the proxy does not open it to everyone.
      if (!isLoopback(req.ip)) throw new ApiError(403, 'forbidden', 'Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere');
      return;
    }
    const secret = bearerSecret(req);
    // Both sides hashed to one length, so the comparison takes the same time however much of the token matches.
    if (secret === undefined || !timingSafeEqual(digest(secret), expected)) {
      throw new ApiError(401, 'unauthenticated', 'Metrics need the bearer token of METRICS_TOKEN');
    }
  };
}

/**
 * Counts every request by route pattern (never the URL: a link's path holds its token) and serves `/metrics` in
 * Prometheus's text format. Outside /api: it is for the monitoring system, not for people or regional systems.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions) {
  const metrics = new Metrics(options.pool);
  app.decorate('metrics', metrics);
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics.registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern.',
    labelNames: ['method', 'route'],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: reply.statusCode });
    durations.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { onRequest: guard(options.token), schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
