import { Type } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Db, StorageState } from '../db/connect.js';

/** A load balancer polls every second or so; one query answers all the polls of this long. */
const PROBE_EVERY_MS = 2_000;
/** A database that has not answered `select 1` by then is as good as down for the people waiting on it. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Why a load balancer should send no one here: the error's system code (ECONNREFUSED, ETIMEDOUT)
 * rather than its message, which names the database's address to anyone who asks.
 */
function unreachable(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: string };
  const reason = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : message || 'no connection';
  return `database unreachable: ${reason}`;
}

/**
 * `select 1` on PostgreSQL, at most one at a time and one per PROBE_EVERY_MS: a database that stopped answering
 * gets no pile of probes waiting for its connections.
 */
function databaseProbe(db: Db, log: FastifyBaseLogger) {
  let last: { at: number; problem: Promise<string | null> } | null = null;
  let running = false;
  return () => {
    if (last && (running || Date.now() - last.at < PROBE_EVERY_MS)) return last.problem;
    running = true;
    const query = sql`select 1`.execute(db).then(
      () => null,
      (error: unknown) => {
        log.warn({ err: error }, 'health: the database did not answer');
        return unreachable(error);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(resolve, PROBE_TIMEOUT_MS, `database unreachable: no answer within ${PROBE_TIMEOUT_MS / 1000} s`);
    });
    void query.finally(() => {
      running = false;
      clearTimeout(timer);
    });
    last = { at: Date.now(), problem: Promise.race([query, timeout]) };
    return last.problem;
  };
}

/**
 * `/api/health` tells a load balancer or monitoring whether this server can serve. The embedded database reports
 * its state from this process, without a query: it must answer while that database restarts or its disk is full.
 * PostgreSQL is another process, maybe another machine, so it is asked. 503 then, with the reason, so that
 * monitoring raises an alarm; a supervisor should not restart the server for it (a restart does not free a disk
 * nor bring a database back).
 */
export const healthRoutes: FastifyPluginAsync<{ storage?: StorageState }> = async (app, { storage }) => {
  const Health = Type.Object({
    status: Type.Enum(['ok', 'degraded']),
    database: Type.Enum(['pglite', 'postgresql']),
    /** Why writes are refused or the database is unreachable; only when degraded. */
    problem: Type.Optional(Type.String()),
  });
  const probe = app.dbKind === 'postgresql' ? databaseProbe(app.db, app.log) : null;
  app.get('/api/health', { schema: { response: { 200: Health, 503: Health } }, config: { access: 'public' } }, async (_req, reply) => {
    const problem = storage?.unavailable() ?? storage?.writesRefused() ?? (await probe?.()) ?? null;
    if (problem) return reply.code(503).send({ status: 'degraded', database: app.dbKind, problem });
    return { status: 'ok', database: app.dbKind };
  });
};
