import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { Principal } from '../server/auth/session.schemas.js';
import { buildApp } from '../server/app.js';
import { createAccount } from '../server/auth/accounts.js';
import type { Db } from '../server/db/connect.js';
import { wavesInRegion } from '../server/db/waves-in-region.js';
import { waveProfiles } from '../server/profiles/profiles.js';
import { collectStatsInMemory } from '../server/profiles/stats.memory.js';
import { schoolIdsInScope } from '../server/territory/schools.repository.js';
import { storedModel } from '../server/risk-models/stored-model.js';
import { storeMethodology } from '../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../server/surveys/questionnaires.js';
import type { BenchRow } from './support.js';
import { timed, withBenchSchema } from './support.js';
import { createAnswerPool, seedRegion, withConstraintsRebuilt } from './scoring-data.js';

const SMALL = { schools: 100, responses: 60_000, goalMs: 1_000 };
const LARGE = { schools: 3_000, responses: 2_000_000, goalMs: 30_000 };
const SEED_GOAL_S = 180;

/** The floor any aggregation of the wave's answers pays: read every answer once and group by school. */
const baseline = (db: Db, waveId: number) => () =>
  sql`select school_id, count(*), sum(length(answers::text)) from responses where wave_id = ${waveId} group by school_id`.execute(db);

const coordinatorOf = (regionId: number): Principal => ({
  id: 0,
  email: 'bench@local',
  name: 'bench',
  role: 'region',
  regionId,
  municipalityId: null,
  schoolId: null,
});

async function loginAs(app: Awaited<ReturnType<typeof buildApp>>, db: Db, regionId: number): Promise<string> {
  const email = `region-${regionId}@bench.local`;
  await createAccount(db, { email, password: 'bench-password', role: 'region', regionId });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'bench-password' } });
  return `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`;
}

/**
 * Risk profiles on the real PostgreSQL (BENCH_DATABASE_URL), in a fresh schema dropped afterwards:
 * a 100-school region with 60,000 responses and a 3,000-school region with 2,000,000, answers drawn
 * at random from the real questionnaires, scored with the real surveys/risk-model.json.
 */
export function run(): Promise<BenchRow[]> {
  return withBenchSchema('scoring', 10, async (db) => {
    const { model, questionnaires } = await storeMethodology(db, SURVEYS_DIR);

    const seedStart = performance.now();
    await createAnswerPool(db, questionnaires);
    const [small, large] = await withConstraintsRebuilt(db, 'responses', async () => [
      await seedRegion(db, { name: 'small', ...SMALL, modelId: model.id, seed: 1 }),
      await seedRegion(db, { name: 'large', ...LARGE, modelId: model.id, seed: 2 }),
    ]);
    // Statistics for the planner; the warm-up run of each measurement pays for setting hint bits.
    await sql`analyze`.execute(db);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const rows: BenchRow[] = [
      { name: 'scoring: generate 2.06M responses in SQL, keys and indexes rebuilt after', value: seedSeconds, unit: 's', goal: { max: SEED_GOAL_S } },
    ];
    const app = await buildApp({ db, dbKind: 'postgresql' });
    for (const [region, spec, runs] of [
      [small, SMALL, 5],
      [large, LARGE, 3],
    ] as const) {
      const wave = await wavesInRegion(db).where('waves.id', '=', region.waveId).executeTakeFirstOrThrow();
      const principal = coordinatorOf(region.regionId);
      let profiles = 0;
      const profileMs = await timed(runs, async () => (profiles = (await waveProfiles(db, wave, principal)).profiles.length));
      const baselineMs = await timed(runs, baseline(db, wave.id));
      const label = `${spec.schools.toLocaleString('en')} schools, ${(spec.responses / 1000).toLocaleString('en')}k responses`;
      rows.push({
        name: `scoring: profiles of ${label} (SQL aggregation + scoring)`,
        value: profileMs,
        unit: 'ms',
        baseline: baselineMs,
        goal: { max: spec.goalMs },
        note: `${profiles} profiles; baseline: count + sum(length(answers::text)) group by school`,
      });
      const cookie = await loginAs(app, db, region.regionId);
      let bytes = 0;
      const routeMs = await timed(
        runs === 5 ? 3 : 1,
        async () => {
          const res = await app.inject({ method: 'GET', url: `/api/waves/${wave.id}/profiles`, headers: { cookie } });
          if (res.statusCode !== 200) throw new Error(`profiles route answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
          bytes = res.rawPayload.length;
        },
        false,
      );
      rows.push({
        name: `scoring: GET /api/waves/:id/profiles for ${label} (inject)`,
        value: routeMs,
        unit: 'ms',
        note: `${(bytes / 1e6).toFixed(1)} MB of JSON`,
      });
      if (spec === SMALL) {
        const stored = await storedModel(db, wave.model_id);
        const memoryMs = await timed(runs, () => collectStatsInMemory(db, stored, wave.id, schoolIdsInScope(db, wave.region_id, principal)));
        rows.push({
          name: `scoring: in-memory stats of ${label} (fetch answers + collectStats)`,
          value: memoryMs,
          unit: 'ms',
          baseline: baselineMs,
          note: 'the reference path, for comparison',
        });
      }
    }
    await app.close();
    rows.at(-1)!.note += `; load average ${loadavg()[0]!.toFixed(1)} at the end`;
    return rows;
  });
}
