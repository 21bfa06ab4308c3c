import { sql } from 'kysely';
import { loadavg } from 'node:os';
import { buildApp } from '../server/app.js';
import { createAccount } from '../server/auth/accounts.js';
import type { Principal } from '../server/auth/session.schemas.js';
import { wavesInRegion } from '../server/db/waves-in-region.js';
import { loadParticipation } from '../server/participation/participation.routes.js';
import { RosterCache } from '../server/participation/roster-cache.js';
import { waveProfiles } from '../server/profiles/profiles.js';
import { storeMethodology } from '../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../server/surveys/questionnaires.js';
import { createAnswerPool, seedRegion, withConstraintsRebuilt } from './scoring-data.js';
import type { BenchRow } from './support.js';
import { timed, withBenchSchema } from './support.js';

/**
 * Every school of the programme in one database, as a federal operator would hold them: 10,000 schools and
 * 7,000,000 responses of one wave (answers drawn from the real questionnaires, scored with the real model),
 * seen by one coordinator whose territory is all of them, the largest view there is.
 * Smaller for trying a change: BENCH_FEDERAL_SCHOOLS=1000 BENCH_FEDERAL_RESPONSES=700000 npm run bench federal
 */
const SCHOOLS = Number(process.env.BENCH_FEDERAL_SCHOOLS ?? 10_000);
const RESPONSES = Number(process.env.BENCH_FEDERAL_RESPONSES ?? 7_000_000);
const PARTICIPATION_GOAL_MS = 50;
const PROFILES_GOAL_RATIO = 3;
const PASSWORD = 'federal-bench-passphrase';

const megabytes = (bytes: number) => bytes / 1024 / 1024;

export function run(): Promise<BenchRow[]> {
  return withBenchSchema('federal', 10, async (db) => {
    const { model, questionnaires } = await storeMethodology(db, SURVEYS_DIR);
    const seedStart = performance.now();
    await createAnswerPool(db, questionnaires);
    const region = await withConstraintsRebuilt(db, 'responses', () =>
      seedRegion(db, { name: 'federal', schools: SCHOOLS, responses: RESPONSES, modelId: model.id, seed: 5 }),
    );
    await sql`vacuum analyze`.execute(db);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const label = `${SCHOOLS.toLocaleString('en')} schools, ${(RESPONSES / 1e6).toLocaleString('en')}M responses`;

    const app = await buildApp({ db, dbKind: 'postgresql' });
    const rssBefore = process.memoryUsage().rss;
    // Server time of the route: until the answer is computed, serialised and compressed.
    const ready: number[] = [];
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url.endsWith('/participation')) ready.push(reply.elapsedTime);
      return payload;
    });
    await createAccount(db, { email: 'coordinator@federal.bench', password: PASSWORD, role: 'region', regionId: region.regionId });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'coordinator@federal.bench', password: PASSWORD } });
    const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
    const principal = login.json<{ user: Principal }>().user;

    const route = (url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie, 'accept-encoding': 'br' } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    };
    await timed(15, route(`/api/waves/${region.waveId}/participation`));
    const routeMs = [...ready.slice(1)].sort((a, b) => a - b)[Math.floor((ready.length - 1) / 2)]!;
    const rosters = new RosterCache();
    const figuresMs = await timed(15, () => loadParticipation(db, rosters, principal, region.waveId));
    const countBaselineMs = await timed(3, () =>
      db
        .selectFrom('responses')
        .select(['school_id', 'role', sql<number>`count(*)`.as('n')])
        .where('wave_id', '=', region.waveId)
        .groupBy(['school_id', 'role'])
        .execute(),
    );

    const wave = await wavesInRegion(db).where('waves.id', '=', region.waveId).executeTakeFirstOrThrow();
    let profiles = 0;
    const profilesMs = await timed(2, async () => (profiles = (await waveProfiles(db, wave, principal)).profiles.length));
    const groupByMs = await timed(2, () =>
      sql`select school_id, count(*), sum(length(answers::text)) from responses where wave_id = ${region.waveId} group by school_id`.execute(db),
    );
    await route(`/api/waves/${region.waveId}/profiles`)();
    const memory = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS * 1024;
    await app.close();

    const load = `load average ${loadavg()[0]!.toFixed(1)} at the end`;
    return [
      { name: `federal: seed ${label} in SQL, keys and indexes rebuilt after`, value: seedSeconds, unit: 's' },
      {
        name: `federal: GET participation of ${label}, server time to the answer ready (median of 15)`,
        value: routeMs,
        unit: 'ms',
        baseline: countBaselineMs,
        goal: { max: PARTICIPATION_GOAL_MS },
        note: 'baseline: count(*) group by school, role over the responses',
      },
      {
        name: `federal: participation figures of ${label} (median of 15)`,
        value: figuresMs,
        unit: 'ms',
        baseline: countBaselineMs,
        goal: { max: PARTICIPATION_GOAL_MS },
      },
      {
        name: `federal: profiles of ${label} (SQL aggregation + scoring, median of 2)`,
        value: profilesMs,
        unit: 'ms',
        baseline: groupByMs,
        goal: { max: PROFILES_GOAL_RATIO * groupByMs },
        note: `goal: ratio ≤ ${PROFILES_GOAL_RATIO}; ${profiles} profiles; baseline: the bare count + sum(length(answers::text)) group by school over the same rows; ${load}`,
      },
      {
        name: 'federal: server process memory after the profiles route (RSS)',
        value: megabytes(memory.rss),
        unit: 'MB',
        baseline: megabytes(rssBefore),
        note: `baseline: RSS with the app built, before the first request; peak RSS ${megabytes(peakRss).toFixed(0)} MB, heap used ${megabytes(memory.heapUsed).toFixed(0)} MB`,
      },
    ];
  });
}
