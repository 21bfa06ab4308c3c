import type { FactorResult } from '../api/profile';
import { schoolStrings as s } from '../strings';
import { intervalPoints } from './interval';

/** «(55–63)» after a score, with what it means on hover; nothing for an exact score. */
export function IntervalText({ interval }: { interval: FactorResult['interval'] }) {
  const shown = intervalPoints(interval);
  if (!shown) return null;
  return (
    <span className="sc-interval" title={s.profile.intervalHint}>
      {' '}
      {s.profile.interval(shown.low, shown.high)}
    </span>
  );
}

/** «пограничный» beside a level whose interval holds a threshold (docs/methodology.md §8). */
export function BorderlineMark({ borderline }: { borderline: boolean }) {
  if (!borderline) return null;
  return (
    <span className="sc-borderline" title={s.profile.borderlineHint}>
      {s.profile.borderline}
    </span>
  );
}
