import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import type { Db } from '../server/db/connect.js';
import { createAccount } from '../server/auth/accounts.js';
import { loadParticipation } from '../server/participation/participation.routes.js';
import { RosterCache } from '../server/participation/roster-cache.js';
import { participationVersion, schoolTotals } from '../server/participation/participation.repository.js';
import { findLinkByToken } from '../server/respond/links.repository.js';
import { storeResponse } from '../server/respond/responses.repository.js';
import type { BenchRow } from './support.js';
import { median, timed, withBenchSchema } from './support.js';

const SCHOOLS = 3000;
const RESPONSES = 2_000_000;
const GOAL_MS = 50;
const PASSWORD = 'bench-password-1';

const execFileAsync = promisify(execFile);

/**
 * A region of 3,000 schools in 30 municipalities and 2,000,000 responses of one open wave, made in SQL.
 * Each school × role gets a turnout between 40% and 105% of its roster, scaled so the total is exact.
 * Responses go in through the counters' trigger in 8 concurrent statements that each touch every
 * school × role: the counters end up spread over all their shards, the worst case for the dashboard.
 */
async function seed(db: Db) {
  await sql`insert into regions (name) values ('Бенчмарк')`.execute(db);
  await sql`insert into municipalities (region_id, name) select r.id, 'Район ' || g from regions r, generate_series(1, 30) g`.execute(db);
  await sql`
    insert into schools (municipality_id, code, name, expected_principal, expected_teacher, expected_student, expected_parent)
    select m.id, 'B-' || g, 'Школа № ' || g, 1, 20 + (g * 7) % 40, 300 + (g * 13) % 400, 250 + (g * 11) % 350
    from generate_series(1, ${SCHOOLS}) g join municipalities m on m.name = 'Район ' || (1 + g % 30)`.execute(db);
  // A wave pins its model's questionnaires (migration 0014); participation reads neither, so any stored set will do.
  await sql`insert into questionnaire_sets (id, definition) values ('bench', '{}')`.execute(db);
  await sql`insert into risk_models (id, title, definition, questionnaires_id) values ('bench', 'bench', '{}', 'bench')`.execute(db);
  await sql`
    insert into waves (region_id, title, opens_at, closes_at, target, model_id)
    select id, 'Весенняя волна', now() - interval '7 days', now() + interval '14 days', 0.9, 'bench' from regions`.execute(db);
  await sql`
    insert into links (token, wave_id, school_id, role)
    select md5(random()::text), w.id, s.id, r.role
    from waves w, schools s, unnest(array['principal','teacher','student','parent']) as r(role)`.execute(db);

  await sql`
    create table bench_plan as
    select l.id as link_id, l.wave_id, l.school_id, l.role,
      (case l.role when 'principal' then s.expected_principal when 'teacher' then s.expected_teacher
        when 'student' then s.expected_student else s.expected_parent end) * (0.4 + random() * 0.65) as weight
    from links l join schools s on s.id = l.school_id`.execute(db);
  await sql`alter table bench_plan add column n integer`.execute(db);
  await sql`update bench_plan set n = floor(weight * ${RESPONSES}::float8 / (select sum(weight) from bench_plan))`.execute(db);
  await sql`update bench_plan set n = n + 1 where link_id in (select link_id from bench_plan order by link_id limit ${RESPONSES} - (select sum(n) from bench_plan))`.execute(
    db,
  );

  // About the size of a real answer: a few dozen short answers.
  const answers = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`q_${i}`, i % 3 === 0 ? 'sometimes' : i % 5])));
  const statements = 8;
  await Promise.all(
    Array.from({ length: statements }, (_, b) =>
      sql`
        insert into responses (wave_id, school_id, role, link_id, client_key, answers, submitted_at, duration_seconds)
        select p.wave_id, p.school_id, p.role, p.link_id, gen_random_uuid(), ${answers}::jsonb,
          now() - random() * interval '7 days', case when random() < 0.03 then (random() * 59)::int else 60 + (random() * 1500)::int end
        from bench_plan p cross join lateral generate_series(${1 + b}::int, p.n, ${statements}::int)`.execute(db),
    ),
  );
  await sql`drop table bench_plan`.execute(db);
  // A steady state, as after the autovacuum that would follow such a load: measured now, the autovacuum of
  // 2M fresh rows would compete with the figures for the two cores.
  await sql`vacuum analyze`.execute(db);
}

/** 50 respondents of one school × role submitting at the same moment, like a class told to press "send". */
async function burst(db: Db, token: string) {
  const link = (await findLinkByToken(db, token))!;
  return () => Promise.all(Array.from({ length: 50 }, () => storeResponse(db, link, { clientKey: randomUUID(), answers: {}, durationSeconds: 300 })));
}

export function run(): Promise<BenchRow[]> {
  return withBenchSchema('participation', 60, async (db) => {
    const seedStart = performance.now();
    await seed(db);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const wave = await db.selectFrom('waves').select(['id', 'region_id']).executeTakeFirstOrThrow();
    const total = await db
      .selectFrom('responses')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const counterRows = await db
      .selectFrom('participation_counts')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();

    const app = await buildApp({ db, dbKind: 'postgresql' });
    // Server time: until the answer is computed, serialized and compressed (this onSend hook runs after the
    // compression plugin's), and, for comparison, until its last byte is handed to the socket (onResponse),
    // which also waits for the client to read.
    const ready: number[] = [];
    const served: number[] = [];
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url.endsWith('/participation')) ready.push(reply.elapsedTime);
      return payload;
    });
    app.addHook('onResponse', async (req, reply) => {
      if (req.url.endsWith('/participation')) served.push(reply.elapsedTime);
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    await createAccount(db, { email: 'region@bench.local', password: PASSWORD, role: 'region', regionId: wave.region_id });
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'region@bench.local', password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const { user: principal } = await login.json();

    // The client is curl in its own process: a client on the server's event loop would be timed as server time.
    let bytes = 0;
    await timed(15, async () => {
      const { stdout } = await execFileAsync(
        'curl',
        // --compressed: as a browser asks for it.
        [
          '-s',
          '--compressed',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code} %{size_download}',
          '-H',
          `cookie: ${cookie}`,
          `${address}/api/waves/${wave.id}/participation`,
        ],
      );
      const [status, size] = stdout.split(' ');
      if (status !== '200') throw new Error(`participation route answered ${status}`);
      bytes = Number(size);
    });
    const readyMs = median(ready.slice(1));
    const routeMs = median(served.slice(1));
    const rosters = new RosterCache();
    const reportMs = await timed(15, () => loadParticipation(db, rosters, principal, wave.id));
    const coldMs = await timed(15, () => loadParticipation(db, new RosterCache(), principal, wave.id));
    const plainBytes = Buffer.byteLength(JSON.stringify(await loadParticipation(db, rosters, principal, wave.id)));
    const versionMs = await timed(15, () => participationVersion(db, wave.id));
    const totalsMs = await timed(15, () => schoolTotals(db, wave.id));
    // Bursts everywhere would leave every school × role on all 8 shards: the most rows a reader can meet.
    await sql`
      insert into participation_counts (wave_id, school_id, role, shard, responses, held)
      select wave_id, school_id, role, s, 0, 0 from participation_counts, generate_series(0, 7) s
      on conflict do nothing`.execute(db);
    const spreadMs = await timed(15, () => loadParticipation(db, rosters, principal, wave.id));
    const baselineMs = await timed(3, () =>
      db
        .selectFrom('responses')
        .select(['school_id', 'role', sql<number>`count(*)`.as('n')])
        .where('wave_id', '=', wave.id)
        .groupBy(['school_id', 'role'])
        .execute(),
    );
    await app.close();

    const hot = await db.selectFrom('links').select('token').where('role', '=', 'student').orderBy('id').executeTakeFirstOrThrow();
    const submit = await burst(db, hot.token);
    const withCounters = await timed(15, submit);
    await sql`alter table responses disable trigger responses_count_inserted`.execute(db);
    const withoutCounters = await timed(15, submit);
    await sql`alter table responses enable trigger responses_count_inserted`.execute(db);

    const load = `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`;
    const rows: BenchRow[] = [
      {
        name: 'participation: seed 3,000 schools, 2M responses through the counters',
        value: seedSeconds,
        unit: 's',
        note: `${total.n} responses, ${counterRows.n} counter rows`,
      },
      {
        name: 'participation: figures of 3,000 schools from the counters (median of 15)',
        value: reportMs,
        unit: 'ms',
        baseline: baselineMs,
        goal: { max: GOAL_MS },
        note: `scope check, wave, counters and every figure, the roster in memory as at every refresh; baseline: count(*) group by school, role over the responses; ${load}`,
      },
      {
        name: 'participation: the same, the roster read and sorted again (first view after a roster change)',
        value: coldMs,
        unit: 'ms',
        baseline: baselineMs,
        goal: { max: GOAL_MS },
      },
      {
        name: 'participation: the same with every school × role on 8 counter shards',
        value: spreadMs,
        unit: 'ms',
        goal: { max: GOAL_MS },
        note: `${SCHOOLS * 4 * 8} counter rows: the worst case after bursts everywhere`,
      },
      {
        name: 'participation: GET /api/waves/:id/participation over HTTP, server time to the answer ready (median of 15)',
        value: readyMs,
        unit: 'ms',
        goal: { max: GOAL_MS },
        note: `session, scope, figures, ${(plainBytes / 1024).toFixed(0)} KB of JSON, compressed to ${(bytes / 1024).toFixed(0)} KB (brotli)`,
      },
      {
        name: 'participation: the same, until the last byte is handed to the socket',
        value: routeMs,
        unit: 'ms',
        note: 'waits for the client (curl, in its own process) to read; loopback on 2 shared cores',
      },
      { name: 'participation: live-view version poll (per watched wave, every 2 s)', value: versionMs, unit: 'ms' },
      {
        name: "participation: live-view read of each school's total (when the version moved)",
        value: totalsMs,
        unit: 'ms',
        note: 'tells each stream only of the schools its viewer may see',
      },
      {
        name: 'participation: 50 concurrent answers to one school × role',
        value: withCounters,
        unit: 'ms',
        baseline: withoutCounters,
        note: 'baseline: the same burst with the counters trigger disabled',
      },
    ];
    return rows;
  });
}
