import type { Indicator } from '../scoring/model.js';
import type { Anchors } from './proposal.js';

/**
 * The ends of an indicator's scale, or null for a kind scored without them (`choice` has a risk per answer). Read by
 * property rather than by kind, so that every kind with numeric `best` and `worst` is calibrated alike; a share
 * without them uses its defaults 0 and 1 (docs/methodology.md §2).
 */
export function anchorsOf(indicator: Indicator): Anchors | null {
  if (indicator.kind === 'share') return { best: indicator.best ?? 0, worst: indicator.worst ?? 1 };
  const { best, worst } = indicator as { best?: unknown; worst?: unknown };
  return typeof best === 'number' && typeof worst === 'number' ? { best, worst } : null;
}
