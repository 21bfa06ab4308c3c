/**
 * Run by fsync.test.ts under strace: stores answers one at a time on an embedded database in the given folder,
 * between two marks the trace can find (`kill(pid, 0)`, a syscall that does nothing else).
 * Usage: answers-one-by-one.ts <dataDir> <answers> <durable: 1|0>
 */
import { randomUUID } from 'node:crypto';
import { connectDatabase } from '../../server/db/connect.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { ResponseBatcher } from '../../server/respond/response-batcher.js';
import { newLink, newWorld } from '../helpers/fixtures.js';

const [dataDir, answers, durable] = process.argv.slice(2);
const handle = await connectDatabase({ databaseUrl: null, dataDir: dataDir!, embedded: { durable: durable === '1' } });
try {
  await migrateToLatest(handle.db);
  const world = await newWorld(handle.db);
  const link = await newLink(handle.db, world.wave.id, world.school.id, 'parent');
  const batcher = new ResponseBatcher(handle.db);
  process.kill(process.pid, 0);
  for (let i = 0; i < Number(answers); i++) {
    const result = await batcher.store({ ...link, expected: 0 }, { clientKey: randomUUID(), answers: {}, durationSeconds: 60 });
    if (result.status !== 'stored') throw new Error(`answer ${i} not stored: ${result.status}`);
  }
  process.kill(process.pid, 0);
} finally {
  await handle.close();
}
