import type { FastifyInstance } from 'fastify';
import type { StorageState } from '../db/connect.js';
import { ApiError } from '../shared/errors.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How long a client is told to wait before it tries again: the disk is checked every few seconds. */
const RETRY_AFTER_SECONDS = 60;

/**
 * While the embedded database's disk is nearly full, every request that changes something (an answer, a login,
 * an administrator's edit) is answered 503 before it reaches the database: better a phone that keeps its answers
 * and tries again than a database that fills its disk mid-write. Reads go on. The disk guard logs when this
 * starts and ends (db/embedded/disk-guard.ts).
 */
export function refuseWritesWhileDiskIsLow(app: FastifyInstance, storage: StorageState) {
  app.addHook('onRequest', async (req, reply) => {
    if (READS.has(req.method) || storage.writesRefused() === null) return;
    reply.header('retry-after', RETRY_AFTER_SECONDS);
    throw new ApiError(
      503,
      'disk_full',
      "The server's disk is nearly full: nothing was saved. Try again later; the administrator has been told in the server's log",
    );
  });
}
