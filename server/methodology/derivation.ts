import type { Indicator, Levels, RiskModel } from '../scoring/model.js';
import { DEFAULT_MIN_RATE } from '../scoring/model.js';
import { ROLES } from '../shared/roles.js';
import { anchorsOf } from './anchors.js';
import type { ModelEdit } from './methodology.schemas.js';

/** An edit as the audit log keeps it: what it set, with the value the base model had there. */
export type ModelChange = ModelEdit & { before: unknown };

export interface Derivation {
  /**
   * The base model with every applicable edit made. Not checked: the loader (validateModel) says what is wrong
   * with the values, e.g. a weight of 0 or a risk key that is not a choice of the question.
   */
  draft: RiskModel;
  /** What the edits themselves get wrong: an indicator or a factor the base lacks, a field its kind does not have. */
  problems: string[];
  changes: ModelChange[];
}

/** Which fields of which kinds an edit sets (docs/methodology.md §1). */
const APPLIES_TO: Record<'weight' | 'anchors' | 'risk' | 'values', (indicator: Indicator) => boolean> = {
  weight: () => true,
  anchors: (indicator) => anchorsOf(indicator) !== null,
  risk: (indicator) => indicator.kind === 'choice',
  values: (indicator) => indicator.kind === 'share',
};

const FIELD_OF = { weight: 'weight', anchors: 'best and worst', risk: 'risk per answer', values: 'counted values' } as const;

/** Applies `edits` to a copy of `base`, in order; an edit that cannot be applied is listed and skipped. */
export function deriveModel(base: RiskModel, edits: readonly ModelEdit[]): Derivation {
  const draft = structuredClone(base);
  const indicators = new Map(draft.factors.flatMap((f) => f.indicators.map((ind) => [ind.id, ind] as const)));
  const factors = new Map(draft.factors.map((f) => [f.id, f] as const));
  const problems: string[] = [];
  const changes: ModelChange[] = [];
  const seen = new Set<string>();

  for (const edit of edits) {
    const where = placeOf(edit);
    // Two edits of one field would leave the result to their order, which the screen does not show.
    const key = `${edit.kind} ${where}`;
    if (seen.has(key)) {
      problems.push(`${where}: ${edit.kind} edited more than once`);
      continue;
    }
    seen.add(key);
    switch (edit.kind) {
      case 'weight':
      case 'anchors':
      case 'risk':
      case 'values': {
        const indicator = indicators.get(edit.indicatorId);
        if (!indicator) {
          problems.push(`${where}: not in model "${base.id}"`);
          continue;
        }
        if (!APPLIES_TO[edit.kind](indicator)) {
          problems.push(`${where}: a ${indicator.kind} indicator has no ${FIELD_OF[edit.kind]} to edit`);
          continue;
        }
        changes.push(setIndicator(indicator, edit));
        continue;
      }
      case 'levels': {
        const after: Levels = { medium: edit.medium, high: edit.high };
        if (edit.factorId === undefined) {
          changes.push({ ...edit, before: draft.levels });
          draft.levels = after;
          continue;
        }
        const factor = factors.get(edit.factorId);
        if (!factor) {
          problems.push(`${where}: not in model "${base.id}"`);
          continue;
        }
        changes.push({ ...edit, before: factor.levels ?? null });
        factor.levels = after;
        continue;
      }
      case 'minRate': {
        const before = draft.minRate;
        // A single number stands for every role: spelt out per role, so that only the edited one moves.
        const perRole = typeof before === 'number' ? Object.fromEntries(ROLES.map((role) => [role, before])) : { ...before };
        changes.push({ ...edit, before: typeof before === 'number' ? before : (before[edit.role] ?? DEFAULT_MIN_RATE) });
        draft.minRate = { ...perRole, [edit.role]: edit.minRate };
        continue;
      }
    }
  }
  return { draft, problems, changes };
}

function setIndicator(indicator: Indicator, edit: Extract<ModelEdit, { indicatorId: string }>): ModelChange {
  const target = indicator as Record<string, unknown>;
  switch (edit.kind) {
    case 'weight': {
      const before = indicator.weight;
      target.weight = edit.weight;
      return { ...edit, before };
    }
    case 'anchors': {
      const before = anchorsOf(indicator);
      Object.assign(target, { best: edit.best, worst: edit.worst });
      return { ...edit, before };
    }
    case 'risk': {
      const before = target.risk;
      target.risk = { ...edit.risk };
      return { ...edit, before };
    }
    case 'values': {
      const before = target.values;
      target.values = [...edit.values];
      return { ...edit, before };
    }
  }
}

/** Where an edit applies, as the loader's messages name it. */
function placeOf(edit: ModelEdit): string {
  switch (edit.kind) {
    case 'levels':
      return edit.factorId === undefined ? 'model' : `factor "${edit.factorId}"`;
    case 'minRate':
      return `minRate of ${edit.role}`;
    default:
      return `indicator "${edit.indicatorId}"`;
  }
}
