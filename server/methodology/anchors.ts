import type { Indicator, RiskModel } from '../scoring/model.js';
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

export interface AnchorChange extends Anchors {
  indicatorId: string;
}

/**
 * A copy of `model` with the anchors of the named indicators replaced, or every problem with the changes: an
 * indicator the model lacks, one without a scale, a scale whose ends are equal, an indicator named twice.
 */
export function withAnchors(model: RiskModel, changes: readonly AnchorChange[]): { model: RiskModel; problems: string[] } {
  const copy = structuredClone(model);
  const byId = new Map(copy.factors.flatMap((f) => f.indicators.map((ind) => [ind.id, ind] as const)));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { indicatorId, best, worst } of changes) {
    const indicator = byId.get(indicatorId);
    if (seen.has(indicatorId)) problems.push(`indicator "${indicatorId}": named more than once`);
    else if (!indicator) problems.push(`indicator "${indicatorId}": not in model "${model.id}"`);
    else if (!anchorsOf(indicator)) problems.push(`indicator "${indicatorId}": a ${indicator.kind} indicator has no best and worst to calibrate`);
    else if (best === worst) problems.push(`indicator "${indicatorId}": best and worst are both ${best}; the scale would divide by zero`);
    else Object.assign(indicator, { best, worst });
    seen.add(indicatorId);
  }
  return { model: copy, problems };
}
