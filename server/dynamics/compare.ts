import type { Static } from '@fastify/type-provider-typebox';
import type { Level } from '../scoring/model.js';
import { changeNoise } from '../scoring/uncertainty.js';
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
  /** The score's standard error (docs/methodology.md §8); null with no score. */
  interval: { se: number } | null;
}

/** A factor's change between two waves; whether it was a priority is the route's to add. */
export type FactorChange = Omit<Static<typeof FactorChangeSchema>, 'priority'>;

export interface Comparison {
  factors: FactorChange[];
  /**
   * docs/methodology.md §4: some comparable factor dropped by a level or more beyond its noise, and none rose by a
   * level beyond its noise.
   */
  positiveChange: boolean;
}

function rank(level: Level | undefined): number | null {
  return level === undefined || level === 'insufficient' ? null : RANK[level];
}

/**
 * Compares one school's profiles of two waves factor by factor (docs/methodology.md §4). Factors match by id;
 * the later wave's order and titles lead, and a factor only one of the models has is listed unmatched.
 * `measuredAlike` says which factors the two waves' models measure alike (comparable.ts): the others, like an
 * unmatched factor, show each wave's figure and no change.
 */
export function compareProfiles(earlier: ScoredFactor[], later: ScoredFactor[], measuredAlike: (factorId: string) => boolean = () => true): Comparison {
  const before = new Map(earlier.map((f) => [f.id, f]));
  const ids = [...later.map((f) => f.id), ...earlier.map((f) => f.id).filter((id) => !later.some((f) => f.id === id))];
  const after = new Map(later.map((f) => [f.id, f]));
  const factors = ids.map((id): FactorChange => {
    const a = before.get(id);
    const b = after.get(id);
    const comparable = a !== undefined && b !== undefined && measuredAlike(id);
    const shown = {
      id,
      title: (b ?? a)!.title,
      earlier: a ? { score: a.score, level: a.level } : null,
      later: b ? { score: b.score, level: b.level } : null,
      comparable,
    };
    if (!comparable || a.score === null || b.score === null || !a.interval || !b.interval) {
      return { ...shown, delta: null, levelChange: null, direction: null, noise: null, beyondNoise: false };
    }
    const delta = b.score - a.score;
    const noise = changeNoise(a.interval.se, b.interval.se);
    return {
      ...shown,
      delta,
      levelChange: rank(b.level)! - rank(a.level)!,
      direction: delta <= -SAME ? 'down' : delta >= SAME ? 'up' : 'same',
      noise,
      beyondNoise: Math.abs(delta) > noise,
    };
  });
  // A level crossed within the noise could be the sample's doing, not the school's: it counts neither way.
  const counted = factors.filter((f) => f.beyondNoise && f.levelChange !== null).map((f) => f.levelChange!);
  return { factors, positiveChange: counted.some((c) => c <= -1) && !counted.some((c) => c >= 1) };
}
