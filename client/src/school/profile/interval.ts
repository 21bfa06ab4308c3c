import { points } from '../../shared/format';
import type { FactorResult } from '../api/profile';
import { schoolStrings as s } from '../strings';

/**
 * A score's interval (docs/methodology.md §8) in the points the screens show, or null where there is none to show:
 * no score, or an exact one whose ends round to the score itself.
 */
export function intervalPoints(interval: FactorResult['interval']): { low: number; high: number } | null {
  if (!interval) return null;
  const low = points(interval.low);
  const high = points(interval.high);
  return low === high ? null : { low, high };
}

/** A scored factor as the chart's text alternative reads it: «59 (55–63), средний, пограничный». */
export function chartSummaryOf(f: FactorResult): string {
  const shown = intervalPoints(f.interval);
  const score = `${points(f.score!)}${shown ? ` ${s.profile.interval(shown.low, shown.high)}` : ''}`;
  return [score, s.levels[f.level], ...(f.borderline ? [s.profile.borderline] : [])].join(', ');
}
