import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { ResponseBatcher } from '../server/respond/response-batcher.js';
import type { LinkFacts } from '../server/respond/links.repository.js';
import { loadQuestionnaires } from '../server/surveys/questionnaires.js';
import { answersFor, seed } from './http-submissions.js';
import type { BenchRow } from './support.js';
import { rng } from './support.js';

/**
 * What a durable commit costs the embedded database: answers stored through the server's group commit
 * (respond/response-batcher.ts) with every commit fsynced before it is acknowledged (as the server runs), against
 * the same answers on PGlite as it comes, which never fsyncs. Both in the same run, each on a fresh data folder in
 * the system's temporary folder: set TMPDIR to measure the disk DATA_DIR is on. A class answering together (50 in
 * flight) shares each fsync; one answer at a time pays a whole fsync alone.
 */

const IN_FLIGHT = 50;
// Shorter runs for trying a change: BENCH_EMBEDDED_ANSWERS=500 npm run bench embedded-durability
const ANSWERS = Number(process.env.BENCH_EMBEDDED_ANSWERS ?? 3_000);
const ONE_AT_A_TIME = Math.max(50, Math.round(ANSWERS / 10));
const SCHOOLS = 20;

interface Rates {
  together: number;
  alone: number;
}

/** Answers per second when `count` answers are stored with `inFlight` waiting at any moment. */
async function storeRate(batcher: ResponseBatcher, links: LinkFacts[], count: number, inFlight: number, answers: () => Record<string, unknown>) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const link = links[next++ % links.length]!;
      const result = await batcher.store(link, { clientKey: randomUUID(), answers: answers(), durationSeconds: 300 });
      if (result.status !== 'stored') throw new Error(`answer not stored: ${result.status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function measure(dataDir: string, durable: boolean): Promise<Rates> {
  const handle = await connectDatabase({ databaseUrl: null, dataDir, embedded: { durable } });
  try {
    await migrateToLatest(handle.db);
    const questionnaires = await loadQuestionnaires();
    const links: LinkFacts[] = (await seed(handle.db, SCHOOLS)).map((link) => ({ ...link, kind: 'open' as const, expected: 0 }));
    const random = rng(11);
    const answers = () => answersFor(questionnaires.student, random);
    const batcher = new ResponseBatcher(handle.db);
    await storeRate(batcher, links, IN_FLIGHT * 4, IN_FLIGHT, answers);
    return {
      together: await storeRate(batcher, links, ANSWERS, IN_FLIGHT, answers),
      alone: await storeRate(batcher, links, ONE_AT_A_TIME, 1, answers),
    };
  } finally {
    await handle.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-embedded-'));
  try {
    const durable = await measure(join(dir, 'durable'), true);
    const relaxed = await measure(join(dir, 'relaxed'), false);
    const note = `data folders in ${tmpdir()}; ratio = what durability keeps`;
    return [
      {
        name: `embedded: answers per second with durable commit vs without, ${IN_FLIGHT} in flight (group commit)`,
        value: durable.together,
        unit: 'answers/s',
        baseline: relaxed.together,
        note: `${ANSWERS} answers each; ${note}`,
      },
      {
        name: 'embedded: answers per second with durable commit vs without, one at a time',
        value: durable.alone,
        unit: 'answers/s',
        baseline: relaxed.alone,
        note: `${ONE_AT_A_TIME} answers each: every answer waits for its own fsync`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
