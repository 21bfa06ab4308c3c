import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Factor, Indicator, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { scaleReliability, type ScaleSums } from './alpha.js';
import { anchorsOf } from './anchors.js';
import { scoreSql } from './item-sql.js';
import type { ScaleQuality } from './methodology.schemas.js';

/** Minimum data and flags of a scale (docs/methodology.md §9). */
export const SCALE_RULES = {
  minItems: 3,
  respondents: 200,
  schools: 20,
  alpha: 0.7,
  itemRest: 0.3,
  itemRestStrong: 0.2,
} as const;

interface Scale {
  factor: Factor;
  role: Role;
  items: Indicator[];
  /** +1, or −1 for an item whose high values are good, so that a higher score always means more risk. */
  signs: number[];
}

/**
 * The multi-item scales of a model: per factor and role, its `share` and `mean` indicators when there are at least
 * three of them. Each respondent's item score is the one the indicator counts (0/1, or the number), reversed where
 * the indicator's best is above its worst.
 */
export function scalesOf(model: RiskModel): Scale[] {
  return model.factors.flatMap((factor) =>
    ROLES.flatMap((role) => {
      const items = factor.indicators.filter((ind) => ind.role === role && (ind.kind === 'share' || ind.kind === 'mean'));
      if (items.length < SCALE_RULES.minItems) return [];
      return [{ factor, role, items, signs: items.map((ind) => (anchorsOf(ind)!.best > anchorsOf(ind)!.worst ? -1 : 1)) }];
    }),
  );
}

/**
 * Σx_i and Σx_i·x_j over the respondents of the role who answered every item, and their schools: the covariance
 * matrix in one aggregate, so that no respondent's answers leave the database.
 */
async function scaleSums(db: Db, waveId: number, scale: Scale): Promise<ScaleSums & { schools: number }> {
  const k = scale.items.length;
  const x = (i: number) => sql.ref(`x${i}`);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) pairs.push([i, j]);
  const { rows } = await sql<Record<string, number>>`
    select count(*)::int as n, count(distinct school_id)::int as schools
      ${sql.join(
        scale.items.map((_, i) => sql`, coalesce(sum(${x(i)}), 0)::float8 as ${sql.id(`s${i}`)}`),
        sql``,
      )}
      ${sql.join(
        pairs.map(([i, j]) => sql`, coalesce(sum(${x(i)} * ${x(j)}), 0)::float8 as ${sql.id(`p${i}_${j}`)}`),
        sql``,
      )}
    from (
      select school_id ${sql.join(
        scale.items.map((ind, i) => sql`, ${scoreSql(ind)} as ${sql.id(`x${i}`)}`),
        sql``,
      )}
      from responses
      where wave_id = ${waveId} and role = ${scale.role} and counted
      offset 0
    ) as scored
    where ${sql.join(
      scale.items.map((_, i) => sql`${x(i)} is not null`),
      sql` and `,
    )}`.execute(db);
  const row = rows[0]!;
  const { signs } = scale;
  const sum = scale.items.map((_, i) => signs[i]! * row[`s${i}`]!);
  const cross = scale.items.map((_, i) => scale.items.map((_, j) => signs[i]! * signs[j]! * row[`p${Math.min(i, j)}_${Math.max(i, j)}`]!));
  return { n: row.n!, schools: row.schools!, sum, cross };
}

export async function scaleQuality(db: Db, waveId: number, model: RiskModel): Promise<ScaleQuality[]> {
  return Promise.all(
    scalesOf(model).map(async (scale) => {
      const sums = await scaleSums(db, waveId, scale);
      const enough = sums.n >= SCALE_RULES.respondents && sums.schools >= SCALE_RULES.schools;
      const { alpha, itemRest } = enough ? scaleReliability(sums) : { alpha: null, itemRest: scale.items.map(() => null) };
      return {
        factorId: scale.factor.id,
        factorTitle: scale.factor.title,
        role: scale.role,
        status: sums.n < SCALE_RULES.respondents ? 'too-few-respondents' : sums.schools < SCALE_RULES.schools ? 'too-few-schools' : 'ok',
        respondents: sums.n,
        schools: sums.schools,
        alpha,
        items: scale.items.map((ind, i) => {
          const r = itemRest[i] ?? null;
          return {
            indicatorId: ind.id,
            reversed: scale.signs[i] === -1,
            itemRest: r,
            flag: r === null ? null : r < SCALE_RULES.itemRestStrong ? 'very-weak' : r < SCALE_RULES.itemRest ? 'weak' : null,
          };
        }),
        flags: alpha !== null && alpha < SCALE_RULES.alpha ? ['low-alpha'] : [],
      };
    }),
  );
}
