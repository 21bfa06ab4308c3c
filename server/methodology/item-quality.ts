import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Factor, Indicator, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { isAnonymous } from '../shared/rules/min-group.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { iccFromGroups, type GroupSums } from './icc.js';
import { questionsOf } from '../scoring/answers.js';
import { dontKnowSql, emptySql, scoreSql } from './item-sql.js';
import type { ItemQuality } from './methodology.schemas.js';

/** Minimum data and flags of the quality of the instrument (docs/methodology.md §9). */
export const ITEM_RULES = {
  /** ICC needs this many schools with at least `iccMinAnswers` answers each. */
  iccSchools: 30,
  iccMinAnswers: 5,
  /** Floor and ceiling need this many schools with an answer. */
  extremesSchools: 20,
  /** Flag a share of «затрудняюсь ответить», or of empty answers, above this. */
  dontKnow: 0.15,
  /** Flag a share of answers in the most frequent extreme above this. */
  extremes: 0.8,
  /** Flag a school mean less reliable than this. */
  icc2: 0.7,
} as const;

/** One school's counts for one item. */
interface SchoolItem extends GroupSums {
  dontKnow: number;
  empty: number;
  floor: number;
  ceiling: number;
}

/** Per school of the wave, its counted responses of the role and its figures per indicator of the role. */
type RoleRows = Array<{ responses: number; items: SchoolItem[] }>;

/**
 * The lowest and highest score an answer can give the item: a share codes 0 or 1, a choice its risks, a mean the
 * question's scale. Null for a score without fixed ends (a ratio) or a question today's questionnaire lacks.
 */
export function scoreRange(indicator: Indicator, questionnaires: Questionnaires): { lo: number; hi: number } | null {
  switch (indicator.kind) {
    case 'share':
      return { lo: 0, hi: 1 };
    case 'choice': {
      const risks = Object.values(indicator.risk);
      return { lo: Math.min(...risks), hi: Math.max(...risks) };
    }
    case 'mean': {
      const spec = questionnaires[indicator.role].questions.get(indicator.question);
      if (spec?.type === 'number') return { lo: spec.min, hi: spec.max };
      const values = spec ? [...spec.values].filter((v): v is number => typeof v === 'number') : [];
      return values.length > 0 ? { lo: Math.min(...values), hi: Math.max(...values) } : null;
    }
    default:
      return null;
  }
}

/** Per indicator of the model that reads answers of the role: its counts per school, in one pass over the role's responses. */
async function roleRows(db: Db, waveId: number, role: Role, indicators: Indicator[], ranges: Array<{ lo: number; hi: number } | null>): Promise<RoleRows> {
  if (indicators.length === 0) return [];
  const columns = indicators.map(
    (ind, i) => sql`, ${scoreSql(ind)} as ${sql.id(`c${i}`)}, ${dontKnowSql(ind)} as ${sql.id(`d${i}`)}, ${emptySql(ind)} as ${sql.id(`e${i}`)}`,
  );
  const aggregates = indicators.map((_, i) => {
    const c = sql.ref(`c${i}`);
    const range = ranges[i];
    const at = (end: number | undefined) => (end === undefined ? sql`0` : sql`count(*) filter (where ${c} = ${sql.lit(String(end))}::float8)`);
    return sql`, count(${c})::int as ${sql.id(`n${i}`)}, coalesce(sum(${c}), 0)::float8 as ${sql.id(`s${i}`)},
      coalesce(sum(${c} * ${c}), 0)::float8 as ${sql.id(`q${i}`)},
      count(*) filter (where ${c} is null and ${sql.ref(`d${i}`)})::int as ${sql.id(`dk${i}`)},
      count(*) filter (where ${c} is null and not ${sql.ref(`d${i}`)} and ${sql.ref(`e${i}`)})::int as ${sql.id(`em${i}`)},
      (${at(range?.lo)})::int as ${sql.id(`lo${i}`)}, (${at(range?.hi)})::int as ${sql.id(`hi${i}`)}`;
  });
  // OFFSET 0 keeps each response's scores computed once rather than inlined into every aggregate that reads them.
  const { rows } = await sql<Record<string, number>>`
    select school_id, count(*)::int as responses ${sql.join(aggregates, sql``)}
    from (
      select school_id ${sql.join(columns, sql``)}
      from responses
      where wave_id = ${waveId} and role = ${role} and counted
      offset 0
    ) as scored
    group by school_id`.execute(db);
  return rows.map((row) => ({
    responses: row.responses!,
    items: indicators.map((_, i) => ({
      n: row[`n${i}`]!,
      sum: row[`s${i}`]!,
      sumSq: row[`q${i}`]!,
      dontKnow: row[`dk${i}`]!,
      empty: row[`em${i}`]!,
      floor: row[`lo${i}`]!,
      ceiling: row[`hi${i}`]!,
    })),
  }));
}

/** The quality of every item (question) of the model over the wave's counted responses, region-wide. */
export async function itemQuality(db: Db, waveId: number, model: RiskModel, questionnaires: Questionnaires): Promise<ItemQuality[]> {
  // An item is a question: a `rate` reads none (it counts responses), so it has no answers to judge.
  const entries = model.factors.flatMap((factor) => factor.indicators.filter((i) => questionsOf(i).length > 0).map((indicator) => ({ factor, indicator })));
  const byRole = await Promise.all(
    ROLES.map(async (role) => {
      const own = entries.filter((e) => e.indicator.role === role);
      const ranges = own.map((e) => scoreRange(e.indicator, questionnaires));
      const rows = await roleRows(
        db,
        waveId,
        role,
        own.map((e) => e.indicator),
        ranges,
      );
      return own.map((e, i) => assess(e.factor, e.indicator, ranges[i] ?? null, rows, i));
    }),
  );
  const byId = new Map(byRole.flat().map((item) => [item.indicatorId, item]));
  return entries.map((e) => byId.get(e.indicator.id)!);
}

function assess(factor: Factor, indicator: Indicator, range: { lo: number; hi: number } | null, rows: RoleRows, i: number): ItemQuality {
  const schools = rows.map((row) => row.items[i]!);
  const responses = rows.reduce((s, row) => s + row.responses, 0);
  const total = (key: keyof SchoolItem) => schools.reduce((s, x) => s + x[key], 0);
  const answered = total('n');
  const dontKnow = responses > 0 ? total('dontKnow') / responses : null;
  const empty = responses > 0 ? total('empty') / responses : null;

  const schoolsAnswered = schools.filter((x) => x.n > 0).length;
  const extremes = !range
    ? { status: 'not-applicable' as const, schools: schoolsAnswered, floor: null, ceiling: null }
    : schoolsAnswered < ITEM_RULES.extremesSchools
      ? { status: 'too-few-schools' as const, schools: schoolsAnswered, floor: null, ceiling: null }
      : { status: 'ok' as const, schools: schoolsAnswered, floor: total('floor') / answered, ceiling: total('ceiling') / answered };

  const groups = schools.filter((x) => x.n >= ITEM_RULES.iccMinAnswers);
  const icc = !isAnonymous(indicator.role)
    ? { status: 'one-answer-per-school' as const, schools: groups.length, icc1: null, icc2: null, k: null }
    : groups.length < ITEM_RULES.iccSchools
      ? { status: 'too-few-schools' as const, schools: groups.length, icc1: null, icc2: null, k: null }
      : iccOf(groups);

  const flags: ItemQuality['flags'] = [];
  if (dontKnow !== null && dontKnow > ITEM_RULES.dontKnow) flags.push('dont-know');
  if (empty !== null && empty > ITEM_RULES.dontKnow) flags.push('empty');
  if (extremes.floor !== null && Math.max(extremes.floor, extremes.ceiling!) > ITEM_RULES.extremes) flags.push('floor-ceiling');
  if (icc.icc2 !== null && icc.icc2 < ITEM_RULES.icc2) flags.push('low-icc2');
  return {
    indicatorId: indicator.id,
    factorId: factor.id,
    title: indicator.title ?? null,
    role: indicator.role,
    kind: indicator.kind,
    questions: questionsOf(indicator),
    responses,
    answered,
    dontKnow,
    empty,
    extremes,
    icc,
    flags,
  };
}

function iccOf(groups: GroupSums[]) {
  const icc = iccFromGroups(groups);
  // All answers alike in every school: nothing to separate schools by.
  if (!icc) return { status: 'not-applicable' as const, schools: groups.length, icc1: null, icc2: null, k: null };
  return { status: 'ok' as const, schools: groups.length, icc1: icc.icc1, icc2: icc.icc2, k: icc.k };
}
