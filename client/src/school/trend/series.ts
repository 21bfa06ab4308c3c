import { points } from '../../shared/format';
import type { SchoolTrend, TrendFactor } from '../api/trend';

/** A factor's line across the waves: its points where the wave shows a score, null where the line has a gap. */
export function valuesOf(factor: TrendFactor): Array<number | null> {
  return factor.points.map((p) => (p.shown === 'scored' && p.score !== null ? points(p.score) : null));
}

/**
 * The consecutive waves that both have the factor but measure it differently (docs/methodology.md §4): the line
 * must not join them, and the reader is told why it breaks there.
 */
export function changedMeasure(factor: TrendFactor, waves: SchoolTrend['waves']): Array<[string, string]> {
  return factor.points.flatMap((p, i) => {
    const before = factor.points[i - 1];
    if (!before || before.shown === 'absent' || p.shown === 'absent' || p.alikeWithPrevious) return [];
    return [[waves[i - 1]!.wave.title, waves[i]!.wave.title] as [string, string]];
  });
}
