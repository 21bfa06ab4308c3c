import { Type } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { StorageState } from '../db/connect.js';

/**
 * `/api/health` answers from this process alone, without a query: it must answer while the embedded database
 * restarts or its disk is full. 503 then, with the reason, so that monitoring raises an alarm; a supervisor
 * should not restart the server for it (a restart does not free a disk).
 */
export const healthRoutes: FastifyPluginAsync<{ storage?: StorageState }> = async (app, { storage }) => {
  const Health = Type.Object({
    status: Type.Enum(['ok', 'degraded']),
    database: Type.Enum(['pglite', 'postgresql']),
    /** Why writes are refused or the database is unreachable; only when degraded. */
    problem: Type.Optional(Type.String()),
  });
  app.get('/api/health', { schema: { response: { 200: Health, 503: Health } }, config: { access: 'public' } }, async (_req, reply) => {
    const problem = storage?.unavailable() ?? storage?.writesRefused() ?? null;
    if (problem) return reply.code(503).send({ status: 'degraded', database: app.dbKind, problem });
    return { status: 'ok', database: app.dbKind };
  });
};
