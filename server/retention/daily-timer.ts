import type { FastifyBaseLogger } from 'fastify';
import type { Db, DatabaseKind } from '../db/connect.js';
import { applyRetention, type RetentionSteps } from './apply.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The first run waits for the server to settle after a start; a restart every day still runs the job. */
const FIRST_RUN_MS = 60 * 1000;

/**
 * Runs the retention job a minute after the server starts and then once a day, in the server's own process: no
 * cron to install. Every instance runs it; the job's lock makes one of them apply it (apply.ts). Returns the stop.
 */
export function startRetentionTimer(db: Db, kind: DatabaseKind, log: FastifyBaseLogger, steps: RetentionSteps = {}): () => void {
  const run = async () => {
    try {
      const result = await applyRetention(db, kind, steps);
      if (result) log.info({ retention: result }, 'retention applied');
    } catch (error) {
      log.error({ err: error }, 'retention job failed; it runs again tomorrow');
    }
  };
  let timer = setTimeout(function tick() {
    void run();
    timer = setTimeout(tick, DAY_MS).unref();
  }, FIRST_RUN_MS).unref();
  return () => clearTimeout(timer);
}
