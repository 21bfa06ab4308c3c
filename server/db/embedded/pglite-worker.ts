import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { durablePGliteOptions } from './durable-node-fs.js';
import { toWorkerError, type FromWorker, type ToWorker, type WorkerOptions } from './protocol.js';

/**
 * The embedded database's own thread. PGlite runs PostgreSQL as WebAssembly on the thread that calls it, and a
 * statement holds that thread until it returns: after a write fails on a full disk, the next statement can spin
 * forever. Here it takes only this thread with it; the server's thread keeps answering and ends this one
 * (supervised-pglite.ts).
 */
const port = parentPort!;
const { dataDir, durable } = workerData as WorkerOptions;
const send = (message: FromWorker) => port.postMessage(message);

let pglite: PGlite | undefined;
try {
  mkdirSync(dataDir, { recursive: true });
  pglite = await PGlite.create(durablePGliteOptions(dataDir, durable));
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'start-failed', error: toWorkerError(error) });
}

if (pglite) {
  const database = pglite;
  port.on('message', async (message: ToWorker) => {
    if (message.kind === 'close') {
      await database.close();
      send({ kind: 'closed' });
      port.close();
      return;
    }
    try {
      const result = await database.query(message.sql, message.params as unknown[], { rowMode: 'object' });
      send({ kind: 'result', id: message.id, rows: result.rows, affectedRows: result.affectedRows });
    } catch (error) {
      send({ kind: 'error', id: message.id, error: toWorkerError(error) });
    }
  });
}
