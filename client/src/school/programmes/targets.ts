import type { ExplanationBody } from '../../../../server/explanations/explanation.schemas';
import { ApiFailure } from '../../shared/api';
import { fetchExplanations } from '../api/explanation';
import { sharedStrings } from '../../shared/strings';
import type { MeasureTarget, Programme } from './api';
import { programmeStrings as s } from './strings';

/** One factor of the wave's model with its indicators, as the measure's target list offers them. */
export interface TargetGroup {
  factorId: string;
  factorTitle: string;
  indicators: { id: string; label: string }[];
}

/** An indicator named as the school's explanation names it: by its question, or as a group's participation. */
function indicatorLabel(indicator: ExplanationBody['indicators'][number]): string {
  const title = indicator.kind === 'rate' ? s.editor.rateIndicator(sharedStrings.rolesGenitive[indicator.role]) : (indicator.questions[0]?.title ?? '');
  return title ? `${indicator.id}. ${title}` : indicator.id;
}

/**
 * The wave's factors and indicators a measure may aim at. They come with the school's explanations, which wait for the
 * wave's figures; until then only the programme's own factor is offered (and «другой показатель»).
 */
export async function fetchTargets(programme: Pick<Programme, 'waveId' | 'school' | 'factor'>): Promise<TargetGroup[]> {
  try {
    const { factors } = await fetchExplanations(programme.waveId, programme.school.id);
    return factors.map((f) => ({
      factorId: f.factor.id,
      factorTitle: f.factor.title,
      indicators: f.indicators.map((i) => ({ id: i.id, label: indicatorLabel(i) })),
    }));
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.code !== 'figures_not_released') throw error;
    return [{ factorId: programme.factor.id, factorTitle: programme.factor.title, indicators: [] }];
  }
}

/** A target as one value of a select: «factor:R3», «indicator:R3.x» or «external» (its words are a field of their own). */
export const targetValue = (target: MeasureTarget) => (target.kind === 'external' ? 'external' : `${target.kind}:${target.id}`);

export function targetOfValue(value: string, externalText: string): MeasureTarget {
  if (value === 'external') return { kind: 'external', text: externalText };
  const [kind, ...id] = value.split(':');
  return { kind: kind === 'indicator' ? 'indicator' : 'factor', id: id.join(':') };
}
