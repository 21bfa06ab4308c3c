import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { createAccount } from '../server/auth/accounts.js';
import { storeMethodology } from '../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../server/surveys/questionnaires.js';
import { createAnswerPool, seedRegion, withConstraintsRebuilt } from './scoring-data.js';
import type { BenchRow } from './support.js';
import { timed, withBenchSchema } from './support.js';

const SCHOOLS = 3000;
const RESPONSES = 600_000;
const GOAL_MS = 50;
const PASSWORD = 'bench-password-1';

/**
 * A school's comparisons with its region and its similar schools in a closed 3,000-school wave, against the
 * participation page of the same region in the same run (the budget the issue sets: within it, ≤ 50 ms). Every
 * school has a context row (social index, settlement, size), so each request also chooses a similar group. Each
 * request asks for another school, as a coordinator leafing through schools does; the first one scores the region
 * and is reported apart.
 */
export function run(): Promise<BenchRow[]> {
  return withBenchSchema('comparisons', 10, async (db) => {
    const { model, questionnaires } = await storeMethodology(db, SURVEYS_DIR);
    await createAnswerPool(db, questionnaires);
    const region = await withConstraintsRebuilt(db, 'responses', () =>
      seedRegion(db, { name: 'cmp', schools: SCHOOLS, responses: RESPONSES, modelId: model.id, seed: 3 }),
    );
    await sql`
      insert into school_context (school_id, year, social_index, settlement, students)
      select s.id, extract(year from w.opens_at)::int, round((random() * 4 - 2)::numeric, 3), (array['urban','rural'])[1 + s.id % 2], 50 + s.id % 900
      from schools s join municipalities m on m.id = s.municipality_id join waves w on w.region_id = m.region_id
      where w.id = ${region.waveId}`.execute(db);
    await sql`analyze`.execute(db);
    await createAccount(db, { email: 'region@bench.local', password: PASSWORD, role: 'region', regionId: region.regionId });
    const schoolIds = (
      await db
        .selectFrom('schools')
        .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
        .select('schools.id')
        .where('municipalities.region_id', '=', region.regionId)
        .execute()
    ).map((r) => r.id);
    const app = await buildApp({ db, dbKind: 'postgresql' });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'region@bench.local', password: PASSWORD } });
      const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
      const get = async (url: string) => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res;
      };
      let next = 0;
      const comparisons = () => get(`/api/waves/${region.waveId}/schools/${schoolIds[next++ % schoolIds.length]}/comparisons`);
      const first = await timed(1, comparisons, false);
      const served = await timed(15, comparisons);
      const participation = await timed(15, () => get(`/api/waves/${region.waveId}/participation`));
      const schools = `${schoolIds.length.toLocaleString('en')} schools`;
      return [
        {
          name: `comparisons of one school, ${schools} (region's scores kept)`,
          value: served,
          unit: 'ms',
          baseline: participation,
          goal: { max: GOAL_MS },
          note: 'median of 15 schools, server time through the app; baseline: the participation page of the same region',
        },
        {
          name: `comparisons, first request of a closed wave, ${schools}, ${RESPONSES / 1000}k responses`,
          value: first,
          unit: 'ms',
          baseline: participation,
          note: "scores the whole region once; every later request of the wave's schools reads the kept scores",
        },
      ];
    } finally {
      await app.close();
    }
  });
}
