import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CollectedStats, Indicator, IndicatorStats, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { SQUARE_RANGE } from '../scoring/uncertainty.js';
import { questionsOf } from '../scoring/answers.js';
import { contributionSql } from './contribution.sql.js';

/** One school's id, or a query selecting the ids of several (a territory). */
export type SchoolSet = number | Expression<{ id: number }>;

export function inSchools(schools: SchoolSet) {
  return typeof schools === 'number' ? sql<boolean>`school_id = ${schools}` : sql<boolean>`school_id in ${schools}`;
}

/**
 * `collectStats` for every school of `schools` in one wave, computed by PostgreSQL: per school,
 * |R| per role and `{ n, sum, sumSq }` per indicator. Schools without responses are absent from the map.
 *
 * One aggregation per role, run side by side (on PostgreSQL each on its own connection, so on its
 * own core): a response then only evaluates its own role's indicators, which cut the work per row
 * by half compared with one pass that skips the other roles' expressions row by row. PostgreSQL
 * cannot spread one such query over parallel workers (the OFFSET 0 levels below stay in the
 * leader), so the split is also what uses more than one core.
 */
export async function collectStatsSql(db: Db, model: RiskModel, waveId: number, schools: SchoolSet): Promise<Map<number, CollectedStats>> {
  const indicators = model.factors.flatMap((f) => f.indicators);
  const parts = typeof schools === 'number' ? [null] : await halves(db, schools);
  const queries = ROLES.flatMap((role) => {
    const own = indicators.filter((ind) => ind.role === role);
    return parts.map((part) => roleStats(db, role, own, waveId, schools, part).then((stats) => ({ role, stats })));
  });
  const result = new Map<number, CollectedStats>();
  for (const { role, stats } of await Promise.all(queries)) {
    for (const [schoolId, { responses, indicators: own }] of stats) {
      let school = result.get(schoolId);
      if (!school) result.set(schoolId, (school = emptyStats(indicators)));
      school.responses[role] = responses;
      Object.assign(school.indicators, own);
    }
  }
  return result;
}

/**
 * A territory's responses of one role are also split in two halves by school id: students are more
 * than half of all responses, and alone their query would decide the time. A range around the
 * median id, not `school_id % 2`, so that the planner still estimates the rows (with a modulo it
 * guesses 0.5 %, then sorts a million rows on disk instead of hashing 1,500 groups).
 */
async function halves(db: Db, schools: Expression<{ id: number }>): Promise<Part[]> {
  const { rows } = await sql<{ median: number | null }>`select percentile_disc(0.5) within group (order by id) as median from ${schools} as s`.execute(db);
  const median = rows[0]?.median ?? 0;
  return [sql`school_id <= ${median}`, sql`school_id > ${median}`];
}

/** A condition on school_id that selects one part of a territory. */
type Part = RawBuilder<boolean>;

function emptyStats(indicators: Indicator[]): CollectedStats {
  return {
    responses: Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>,
    indicators: Object.fromEntries(indicators.map((ind) => [ind.id, { n: 0, sum: 0, sumSq: 0 }])),
  };
}

/**
 * One role's responses per school and its indicators' `{ n, sum, sumSq }`, in three levels, each evaluated
 * once per response (OFFSET 0 keeps the planner from inlining a level into the next, which would
 * repeat its expressions at every use):
 * 1. the `->>` text of each answer the role's indicators read;
 * 2. each indicator's contribution (contribution.sql.ts) from those texts;
 * 3. count(), sum() and the sum of squares per school.
 */
async function roleStats(db: Db, role: Role, indicators: Indicator[], waveId: number, schools: SchoolSet, part: Part | null) {
  const questions = [...new Set(indicators.flatMap(questionsOf))];
  const column = (question: string) => sql.ref<string | null>(`x${questions.indexOf(question)}`);
  const answerOf = (question: string) => {
    const json = sql`(answers -> ${sql.lit(question)})`;
    return { type: lazyType(column(question), json), text: column(question), json };
  };
  const texts = questions.map((question, i) => sql`(answers ->> ${sql.lit(question)}) collate "C" as ${sql.id(`x${i}`)}`);
  const contributions = indicators.map((ind, i) => sql`${contributionSql(ind, answerOf)} as ${sql.id(`c${i}`)}`);
  const aggregates = indicators.map((_, i) => {
    const c = sql.ref(`c${i}`);
    return sql`, count(${c})::int as ${sql.id(`n${i}`)}, coalesce(sum(${c}), 0)::float8 as ${sql.id(`s${i}`)}, coalesce(sum(${squareSql(c)}), 0)::float8 as ${sql.id(`q${i}`)}`;
  });
  const query = sql<Record<string, number>>`
    select school_id, count(*)::int as responses ${sql.join(aggregates, sql``)}
    from (
      select school_id ${sql.join(
        contributions.map((c) => sql`, ${c}`),
        sql``,
      )}
      from (
        select school_id, answers ${sql.join(
          texts.map((t) => sql`, ${t}`),
          sql``,
        )}
        from responses
        where wave_id = ${waveId} and role = ${role} and counted and ${inSchools(schools)}
          ${part ? sql`and ${part}` : sql``}
        offset 0
      ) as answered
      offset 0
    ) as contributions
    group by school_id`;
  // Each part hashes its schools' groups in about 1 MB (3,000 schools), well inside the default
  // work_mem, so no SET LOCAL work_mem is needed (measured with EXPLAIN ANALYZE: one batch).
  const { rows } = await query.execute(db);
  return new Map(
    rows.map((row) => {
      const stats: IndicatorStats = {};
      indicators.forEach((ind, i) => (stats[ind.id] = { n: row[`n${i}`]!, sum: row[`s${i}`]!, sumSq: row[`q${i}`]! }));
      return [row.school_id!, { responses: row.responses!, indicators: stats }];
    }),
  );
}

/**
 * jsonb_typeof of an answer, read from its `->>` text where that is unambiguous. Building the jsonb
 * value with `->` to ask its type costs about three times the lookup itself, and only a text that
 * starts like a number (- or a digit), a list ([) or an object ({), or reads true or false, may come
 * from something other than a string. Absent answers and JSON null have no text.
 */
function lazyType(text: RawBuilder<unknown>, json: RawBuilder<unknown>): RawBuilder<string | null> {
  // ascii < 58 takes "-" and the digits (and some punctuation, which only costs a look at the jsonb).
  return sql`case when ${text} is null then null
    when ascii(${text}) < 58 or ascii(${text}) = 91 or ascii(${text}) = 123 or ${text} = 'true' or ${text} = 'false' then jsonb_typeof(${json})
    else 'string' end`;
}

/** `square` of server/scoring/uncertainty.ts: c², with no error where the product would leave the range of a double. */
function squareSql(c: RawBuilder<unknown>): RawBuilder<number | null> {
  const { min, max } = SQUARE_RANGE;
  return sql`case when abs(${c}) < ${sql.lit(min)}::float8 then 0::float8 when abs(${c}) > ${sql.lit(max)}::float8 then 'Infinity'::float8 else ${c} * ${c} end`;
}
