import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { contentRefusal } from '../server/respond/content-rules.js';
import { StartTickets, startTicketKey } from '../server/respond/start-ticket.js';
import type { Db } from '../server/db/connect.js';
import { storeMethodology } from '../server/risk-models/versions.js';
import { ROLES, type Role } from '../server/shared/roles.js';
import { newLinkToken } from '../server/shared/tokens.js';
import { loadQuestionnaires, SURVEYS_DIR, type Questionnaire } from '../server/surveys/questionnaires.js';
import { pgbenchInsertRate } from './pgbench-floor.js';
import type { BenchRow } from './support.js';
import { BENCH_DATABASE_URL, rng, withBenchSchema } from './support.js';

/**
 * Accepted responses per second through the real HTTP server, against the same rows inserted straight
 * into PostgreSQL. Both loads come from a child process with 50 requests in flight, so the client never
 * runs on the server's event loop. The 2 cores are not pinned: the server process, the load process and
 * PostgreSQL's backends share both, as they would on a small school-district server; the baseline has the
 * same load process and the same database, so the ratio is what HTTP, validation and the link lookup cost
 * on top of the insert. The CPU row says where the time goes when the machine is the limit.
 */

const CONCURRENCY = 50;
// Shorter runs for trying a change: BENCH_HTTP_WARMUP=500 BENCH_HTTP_REQUESTS=5000 npm run bench http-submissions
const WARMUP = Number(process.env.BENCH_HTTP_WARMUP ?? 2_000);
const MEASURED = Number(process.env.BENCH_HTTP_REQUESTS ?? 20_000);
const SCHOOLS = 500;
/** How respondents of a school divide between its four links. */
const ROLE_MIX: Record<Role, number> = { principal: 0.01, teacher: 0.07, student: 0.54, parent: 0.38 };
const GOAL_RATIO = 0.6;
const GOAL_P99_MS = 100;
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);

interface BenchLink {
  id: number;
  token: string;
  wave_id: number;
  school_id: number;
  role: Role;
}

type LoadJob =
  /** `ticketKey`: the installation's key (base64), so each phone brings the start ticket its page was given ten minutes earlier. */
  | { mode: 'http'; url: string; links: BenchLink[]; seed: number; ticketKey: string }
  | { mode: 'pg'; databaseUrl: string; schema: string; links: BenchLink[]; seed: number };

interface LoadResult {
  accepted: number;
  /** CPU the load process spent per request (its own share of the machine). */
  clientCpuMs: number;
  refused: Record<string, number>;
  seconds: number;
  p50: number;
  p99: number;
}

/**
 * A respondent's complete answers: every question answered with a value the questionnaire allows, a few skipped,
 * drawn again in the rare case the skips leave too few to count: every submission of the bench is stored.
 */
export function answersFor(questionnaire: Questionnaire, random: () => number): Record<string, unknown> {
  for (;;) {
    const answers = draw(questionnaire, random);
    if (!contentRefusal(questionnaire, answers)) return answers;
  }
}

function draw(questionnaire: Questionnaire, random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  for (const spec of questionnaire.questions.values()) {
    if (random() < 0.05) continue;
    if (spec.type === 'single') answers[spec.name] = pick([...spec.values]);
    else if (spec.type === 'multi') answers[spec.name] = [...spec.values].filter(() => random() < 0.3).slice(0, 4);
    else answers[spec.name] = Math.round(spec.min + random() * (spec.max - spec.min));
  }
  // A part no larger than its total, as the server requires (docs/methodology.md §7).
  for (const { part, total } of questionnaire.partsOfTotals) {
    if (typeof answers[part] === 'number' && typeof answers[total] === 'number') answers[part] = Math.min(answers[part], answers[total]);
  }
  return answers;
}

/** The same submissions for both runs: links drawn by role mix, answers by the same seeded generator. */
async function submissions(links: BenchLink[], seed: number) {
  const questionnaires = await loadQuestionnaires();
  const random = rng(seed);
  const byRole = new Map(ROLES.map((role) => [role, links.filter((l) => l.role === role)]));
  const cumulative = ROLES.map((role, i) => ({ role, upTo: ROLES.slice(0, i + 1).reduce((t, r) => t + ROLE_MIX[r], 0) }));
  return Array.from({ length: WARMUP + MEASURED }, () => {
    const x = random();
    const role = (cumulative.find((c) => x < c.upTo) ?? cumulative.at(-1)!).role;
    const candidates = byRole.get(role)!;
    const link = candidates[Math.floor(random() * candidates.length)]!;
    return { link, answers: answersFor(questionnaires[role], random), durationSeconds: 60 + Math.floor(random() * 900) };
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Runs `send` for every item with `CONCURRENCY` in flight; times the items after the warm-up. */
async function drive<T>(items: T[], send: (item: T) => Promise<string>): Promise<LoadResult> {
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  let next = 0;
  let started = 0;
  let cpuAtStart = process.cpuUsage();
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      if (index === WARMUP) {
        started = performance.now();
        cpuAtStart = process.cpuUsage();
      }
      const t0 = performance.now();
      const outcome = await send(items[index]!);
      if (index < WARMUP) continue;
      latencies.push(performance.now() - t0);
      if (outcome === 'ok') accepted++;
      else refused[outcome] = (refused[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  latencies.sort((a, b) => a - b);
  return {
    accepted,
    clientCpuMs: (cpu.user + cpu.system) / 1000 / latencies.length,
    refused,
    seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

async function httpLoad(job: Extract<LoadJob, { mode: 'http' }>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const tickets = new StartTickets(Buffer.from(job.ticketKey, 'base64'));
  const bodies = (await submissions(job.links, job.seed)).map((s) => ({
    path: `/api/links/${s.link.token}/responses`,
    body: JSON.stringify({
      answers: s.answers,
      clientKey: randomUUID(),
      ticket: tickets.issue(s.link.id, Date.now() - s.durationSeconds * 1000),
      deviceId: randomUUID(),
    }),
  }));
  const target = new URL(job.url);
  const post = ({ path, body }: { path: string; body: string }) =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 201 ? 'ok' : `HTTP ${res.statusCode}`));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    return await drive(bodies, post);
  } finally {
    agent.destroy();
  }
}

/** The floor: the same rows, one plain INSERT each, straight from a pool (the server's statement also checks that the link is live). */
async function pgLoad(job: Extract<LoadJob, { mode: 'pg' }>): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: job.databaseUrl, max: CONCURRENCY, options: `-c search_path=${job.schema}` });
  const rows = await submissions(job.links, job.seed);
  const insert = async ({ link, answers, durationSeconds }: (typeof rows)[number]) => {
    const result = await pool.query(
      `insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds, code_link_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (client_key) do nothing returning id`,
      [link.wave_id, link.school_id, link.role, link.id, randomUUID(), JSON.stringify(answers), durationSeconds, null],
    );
    return result.rowCount === 1 ? 'ok' : 'conflict';
  };
  try {
    return await drive(rows, insert);
  } finally {
    await pool.end();
  }
}

// The load process: started by `load()` below, runs one job and reports back.
if (process.env.BENCH_LOAD_PROCESS === '1' && process.send) {
  process.once('message', async (job: LoadJob) => {
    const result = job.mode === 'http' ? await httpLoad(job) : await pgLoad(job);
    process.send!(result, () => process.exit(0));
  });
}

function load(job: LoadJob): Promise<LoadResult> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_LOAD_PROCESS: '1' } });
  return new Promise((resolve, reject) => {
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)));
    child.send(job);
  });
}

/** A region of 500 schools (or `schools`) in 10 municipalities, an open wave and one open link per school and role. */
export async function seed(db: Db, schools = SCHOOLS): Promise<BenchLink[]> {
  const { model } = await storeMethodology(db, SURVEYS_DIR);
  const region = await db.insertInto('regions').values({ name: 'Бенчмарк' }).returning('id').executeTakeFirstOrThrow();
  const municipalities = await db
    .insertInto('municipalities')
    .values(Array.from({ length: 10 }, (_, i) => ({ region_id: region.id, name: `Район ${i + 1}` })))
    .returning('id')
    .execute();
  const schoolRows = await db
    .insertInto('schools')
    .values(
      Array.from({ length: schools }, (_, i) => ({
        municipality_id: municipalities[i % municipalities.length]!.id,
        code: `B-${i + 1}`,
        name: `Школа № ${i + 1}`,
        expected_principal: 1,
        expected_teacher: 40,
        expected_student: 400,
        expected_parent: 350,
      })),
    )
    .returning('id')
    .execute();
  const day = 24 * 3600 * 1000;
  const wave = await db
    .insertInto('waves')
    .values({
      region_id: region.id,
      title: 'Волна',
      opens_at: new Date(Date.now() - day),
      closes_at: new Date(Date.now() + 14 * day),
      target: 0.9,
      model_id: model.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('links')
    .values(
      schoolRows.flatMap((school) => ROLES.map((role) => ({ wave_id: wave.id, school_id: school.id, role, kind: 'open' as const, token: newLinkToken() }))),
    )
    .returning(['id', 'token', 'wave_id', 'school_id', 'role'])
    .execute();
}

async function emptyResponses(db: Db) {
  await sql`truncate responses, participation_counts`.execute(db);
  await sql`vacuum analyze responses`.execute(db);
}

export function run(): Promise<BenchRow[]> {
  // The server's own pool size, as main.ts opens it.
  return withBenchSchema('http', undefined, async (db, schema) => {
    const links = await seed(db);
    const seedNumber = 7;

    const baseline = await load({ mode: 'pg', databaseUrl: BENCH_DATABASE_URL, schema, links, seed: seedNumber });
    await emptyResponses(db);

    const parent = (await loadQuestionnaires()).parent;
    const floor = await pgbenchInsertRate({
      databaseUrl: BENCH_DATABASE_URL,
      schema,
      linkIds: { min: Math.min(...links.map((l) => l.id)), max: Math.max(...links.map((l) => l.id)) },
      answers: answersFor(parent, rng(seedNumber)),
      clients: CONCURRENCY,
      seconds: PGBENCH_SECONDS,
    });
    await emptyResponses(db);

    // Request logging on, as in production, written where it costs what a log file costs.
    const app = await buildApp({ db, dbKind: 'postgresql', logger: { level: 'info', file: '/dev/null' } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    let served: LoadResult;
    const serverCpu = process.cpuUsage();
    try {
      served = await load({ mode: 'http', url, links, seed: seedNumber, ticketKey: (await startTicketKey(db)).toString('base64') });
    } finally {
      await app.close();
    }
    // Includes the warm-up and the load process's start: an upper bound.
    const cpu = process.cpuUsage(serverCpu);
    const serverCpuMs = (cpu.user + cpu.system) / 1000 / (WARMUP + MEASURED);
    const stored = await db
      .selectFrom('responses')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();

    const rate = (r: LoadResult) => r.accepted / r.seconds;
    const refusals = (r: LoadResult) =>
      Object.entries(r.refused)
        .map(([k, n]) => `${n} × ${k}`)
        .join(', ') || 'none refused';
    return [
      {
        name: 'submissions: accepted per second over HTTP, 50 in flight; baseline: the same rows as single INSERTs, 50 connections',
        value: rate(served),
        unit: 'responses/s',
        baseline: rate(baseline),
        goal: { min: GOAL_RATIO * rate(baseline) },
        note: `goal: ratio ≥ ${GOAL_RATIO}; ${served.accepted} accepted, ${refusals(served)}; baseline ${refusals(baseline)}; ${stored.n} rows stored by the HTTP run`,
      },
      {
        name: 'submissions: accepted per second over HTTP; baseline: pgbench, one single-row INSERT per transaction, 50 clients',
        value: rate(served),
        unit: 'responses/s',
        baseline: floor.rate,
        note: `the physical floor on this machine (${floor.transactions} rows in ${PGBENCH_SECONDS} s); the JS-pool baseline above reaches ${(rate(baseline) / floor.rate).toFixed(2)}× of it`,
      },
      { name: 'submissions: HTTP latency p50', value: served.p50, unit: 'ms', baseline: baseline.p50, note: 'baseline: INSERT latency from the pool' },
      {
        name: 'submissions: CPU per request in the server process (at most)',
        value: serverCpuMs,
        unit: 'ms',
        note: `load process: ${served.clientCpuMs.toFixed(2)} ms per HTTP request, ${baseline.clientCpuMs.toFixed(2)} ms per INSERT; machine load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores at the end`,
      },
      { name: 'submissions: HTTP latency p99', value: served.p99, unit: 'ms', baseline: baseline.p99, goal: { max: GOAL_P99_MS } },
    ];
  });
}
