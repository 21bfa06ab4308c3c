import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../server/db/connect.js';
import { ROLES, type Role } from '../server/shared/roles.js';
import type { Questionnaire, QuestionSpec, Questionnaires } from '../server/surveys/questionnaires.js';
import { rng } from './support.js';

export interface RegionSpec {
  name: string;
  schools: number;
  /** Exact number of responses over all schools and roles. */
  responses: number;
  modelId: string;
  seed: number;
}

interface PlannedSchool {
  expected: Record<Role, number>;
  responses: Record<Role, number>;
}

/**
 * Rosters and turnout of a region: school sizes vary threefold, turnout per role varies from a
 * third to full (so some roles are not reportable), and the total is exactly `spec.responses`.
 */
function planSchools(spec: RegionSpec): PlannedSchool[] {
  const random = rng(spec.seed);
  const perSchool = spec.responses / spec.schools;
  const mix: Record<Role, number> = { principal: 0, teacher: 0.07, student: 0.55, parent: 0.38 };
  const plan = Array.from({ length: spec.schools }, (): PlannedSchool => {
    const size = 0.5 + random();
    const expected = {} as Record<Role, number>;
    const responses = {} as Record<Role, number>;
    for (const role of ROLES) {
      expected[role] = role === 'principal' ? 1 : Math.max(1, Math.round((perSchool * mix[role] * size) / 0.75));
      const turnout = role === 'principal' ? (random() < 0.95 ? 1 : 0) : 0.35 + random() * 0.75;
      responses[role] = Math.round(expected[role] * turnout);
    }
    return { expected, responses };
  });
  // Nudge student counts until the total is exact.
  let missing = spec.responses - plan.reduce((t, s) => t + ROLES.reduce((u, r) => u + s.responses[r], 0), 0);
  while (missing !== 0) {
    const school = plan[Math.floor(random() * plan.length)]!;
    const step = Math.sign(missing);
    if (school.responses.student + step < 0) continue;
    school.responses.student += step;
    missing -= step;
  }
  return plan;
}

/** One respondent's answers, drawn in SQL: each question skipped 5% of the time, else a random allowed value. */
function answersSql(questionnaire: Questionnaire): RawBuilder<unknown> {
  const pairs = [...questionnaire.questions.values()].map((q) => sql`${sql.lit(q.name)}, case when random() < 0.95 then ${valueSql(q)} end`);
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs)}))`;
}

function valueSql(q: QuestionSpec): RawBuilder<unknown> {
  switch (q.type) {
    case 'single': {
      const values = [...q.values];
      return sql`(${sql.lit(JSON.stringify(values))}::jsonb -> floor(random() * ${sql.lit(values.length)})::int)`;
    }
    case 'multi': {
      const values = [...q.values];
      return sql`(select jsonb_agg(v) from jsonb_array_elements(${sql.lit(JSON.stringify(values))}::jsonb) as c(v) where random() < 0.3)`;
    }
    case 'number':
      return q.integer
        ? sql`to_jsonb(floor(${sql.lit(q.min)} + random() * ${sql.lit(q.max - q.min + 1)})::int)`
        : sql`to_jsonb(round((${sql.lit(q.min)} + random() * ${sql.lit(q.max - q.min)})::numeric, 1))`;
  }
}

/** Distinct random answer sets per role; responses draw from them, so generating 2M rows costs a join, not 2M jsonb builds. */
const POOL_SIZE = 10_000;

export async function createAnswerPool(db: Db, questionnaires: Questionnaires) {
  await sql`create table bench_answer_pool (role text not null, k int not null, answers jsonb not null, primary key (role, k))`.execute(db);
  for (const role of ROLES) {
    await sql`insert into bench_answer_pool select ${role}, g - 1, ${answersSql(questionnaires[role])}
      from generate_series(1, ${sql.lit(POOL_SIZE)}) as g`.execute(db);
  }
  await sql`analyze bench_answer_pool`.execute(db);
}

/**
 * A region with one open wave pinned to `modelId`, its schools, one open link per school and role, and
 * the planned responses generated inside PostgreSQL (INSERT ... SELECT over generate_series) from the
 * answer pool of {@link createAnswerPool}, so two million rows take a minute rather than a million round trips.
 */
export async function seedRegion(db: Db, spec: RegionSpec) {
  const plan = planSchools(spec);
  const region = await db.insertInto('regions').values({ name: spec.name }).returning('id').executeTakeFirstOrThrow();
  const municipalities = await db
    .insertInto('municipalities')
    .values(Array.from({ length: Math.ceil(spec.schools / 40) }, (_, i) => ({ region_id: region.id, name: `${spec.name}, район ${i + 1}` })))
    .returning('id')
    .execute();
  const schoolIds: number[] = [];
  for (let start = 0; start < plan.length; start += 1000) {
    const rows = plan.slice(start, start + 1000).map((s, j) => ({
      municipality_id: municipalities[(start + j) % municipalities.length]!.id,
      code: `${spec.name}-${start + j + 1}`,
      name: `Школа № ${start + j + 1}`,
      expected_principal: s.expected.principal,
      expected_teacher: s.expected.teacher,
      expected_student: s.expected.student,
      expected_parent: s.expected.parent,
    }));
    schoolIds.push(...(await db.insertInto('schools').values(rows).returning('id').execute()).map((r) => r.id));
  }
  const DAY = 24 * 3600 * 1000;
  // Closed, so that its profiles are released to the coordinator the route is measured for (docs/methodology.md §6).
  const wave = await db
    .insertInto('waves')
    .values({
      region_id: region.id,
      title: `${spec.name}: весна`,
      opens_at: new Date(Date.now() - 40 * DAY),
      closes_at: new Date(Date.now() - 10 * DAY),
      model_id: spec.modelId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into links (token, wave_id, school_id, role)
    select gen_random_uuid()::text, ${wave.id}, s.id, r.role
    from schools s join municipalities m on m.id = s.municipality_id
    cross join unnest(${sql.lit(`{${ROLES.join(',')}}`)}::text[]) as r(role)
    where m.region_id = ${region.id}`.execute(db);

  const counts = plan.flatMap((s, i) => ROLES.map((role) => [schoolIds[i]!, role, s.responses[role]] as const));
  const intArray = (xs: readonly (number | string)[]) => sql.lit(`{${xs.join(',')}}`);
  const insertPart = (part: (typeof counts)[number][]) =>
    db.transaction().execute(async (trx) => {
      // Room for the answer pool's hash table (12 MB), which would otherwise be split into batches on disk.
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`
        insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds)
        select r.wave_id, r.school_id, r.role, r.link_id, md5(r.wave_id || '/' || r.link_id || '/' || r.i)::uuid, a.answers, r.duration
        from (
          select l.wave_id, l.school_id, l.role, l.id as link_id, g.i,
                 floor(random() * ${sql.lit(POOL_SIZE)})::int as k, (20 + random() * 600)::int as duration
          from unnest(${intArray(part.map((c) => c[0]))}::int[], ${intArray(part.map((c) => c[1]))}::text[], ${intArray(part.map((c) => c[2]))}::int[])
               as p(school_id, role, n)
          join links l on l.wave_id = ${wave.id} and l.school_id = p.school_id and l.role = p.role
          cross join lateral generate_series(1, p.n) as g(i)
          offset 0 -- keeps random() drawn once per response
        ) r
        join bench_answer_pool a on a.role = r.role and a.k = r.k`.execute(trx);
    });
  // Two statements at a time: one per core of the bench machine.
  const size = Math.ceil(counts.length / 8);
  const parts = Array.from({ length: 8 }, (_, i) => counts.slice(i * size, (i + 1) * size));
  for (let i = 0; i < parts.length; i += 2) await Promise.all(parts.slice(i, i + 2).map(insertPart));
  return { regionId: region.id, waveId: wave.id, schools: schoolIds.length };
}

/**
 * Runs a bulk load with the table's foreign keys, unique constraints and secondary indexes dropped,
 * then puts them back from their own definitions: one sort per index and one join per foreign key
 * instead of millions of B-tree inserts and per-row key checks (most of the load time otherwise).
 * Re-adding a foreign key validates every row, so nothing goes unchecked; other triggers (the
 * participation counters) keep firing. Read from the catalog, so later migrations' additions come back too.
 */
export async function withConstraintsRebuilt<T>(db: Db, table: string, load: () => Promise<T>): Promise<T> {
  const constraints = (
    await sql<{ name: string; def: string }>`
      select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = ${table}::regclass and contype in ('f', 'u') order by contype`.execute(db)
  ).rows;
  const indexes = (
    await sql<{ name: string; def: string }>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
      where i.indrelid = ${table}::regclass and not i.indisprimary
        and not exists (select from pg_constraint c where c.conindid = i.indexrelid)`.execute(db)
  ).rows;
  for (const c of constraints) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(c.name)}`.execute(db);
  for (const i of indexes) await sql`drop index ${sql.raw(i.name)}`.execute(db);
  const result = await load();
  const rebuild = (statement: RawBuilder<unknown>) =>
    db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx); // sorts for the index builds stay in memory
      await statement.execute(trx);
    });
  await Promise.all([
    ...indexes.map((i) => rebuild(sql.raw(i.def))),
    // One statement, so the unique indexes are built and the keys checked in one pass over the table.
    rebuild(sql`alter table ${sql.table(table)} ${sql.join(constraints.map((c) => sql`add constraint ${sql.id(c.name)} ${sql.raw(c.def)}`))}`),
  ]);
  return result;
}
