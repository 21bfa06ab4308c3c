import type { Static } from '@fastify/type-provider-typebox';
import type { Level } from '../scoring/model.js';
import type { FactorChange as FactorChangeSchema } from './dynamics.schemas.js';

/** Level ranks for comparing waves; `insufficient` has none, so it never counts as a change. */
const RANK: Record<Exclude<Level, 'insufficient'>, number> = { low: 0, medium: 1, high: 2 };

/** Scores are shown to two decimals; a smaller move reads as none, so it is called none. */
const SAME = 0.005;

export interface ScoredFactor {
  id: string;
  title: string;
  score: number | null;
  level: Level;
}

/** A factor's change between two waves; whether it was a priority is the route's to add. */
export type FactorChange = Omit<Static<typeof FactorChangeSchema>, 'priority'>;

export interface Comparison {
  factors: FactorChange[];
  /** docs/methodology.md §4: some factor dropped by a level or more, and none rose by a level. */
  positiveChange: boolean;
}

function rank(level: Level | undefined): number | null {
  return level === undefined || level === 'insufficient' ? null : RANK[level];
}

/**
 * Compares one school's profiles of two waves factor by factor (docs/methodology.md §4). Factors match by id;
 * the later wave's order and titles lead, and a factor only one of the models has is listed unmatched.
 */
export function compareProfiles(earlier: ScoredFactor[], later: ScoredFactor[]): Comparison {
  const before = new Map(earlier.map((f) => [f.id, f]));
  const ids = [...later.map((f) => f.id), ...earlier.map((f) => f.id).filter((id) => !later.some((f) => f.id === id))];
  const after = new Map(later.map((f) => [f.id, f]));
  const factors = ids.map((id): FactorChange => {
    const a = before.get(id);
    const b = after.get(id);
    const delta = a?.score != null && b?.score != null ? b.score - a.score : null;
    const ra = rank(a?.level);
    const rb = rank(b?.level);
    return {
      id,
      title: (b ?? a)!.title,
      earlier: a ? { score: a.score, level: a.level } : null,
      later: b ? { score: b.score, level: b.level } : null,
      delta,
      levelChange: ra !== null && rb !== null ? rb - ra : null,
      direction: delta === null ? null : delta <= -SAME ? 'down' : delta >= SAME ? 'up' : 'same',
    };
  });
  const changes = factors.map((f) => f.levelChange).filter((c): c is number => c !== null);
  return { factors, positiveChange: changes.some((c) => c <= -1) && !changes.some((c) => c >= 1) };
}
