import type { MeasureTarget, Programme } from './api';

/** One factor of the wave's model with its indicators, as the programme offers them for a measure's target. */
export type TargetGroup = Programme['targets'][number];

/** A target as one value of a select: «factor:R3», «indicator:R3.x» or «external» (its words are a field of their own). */
export const targetValue = (target: MeasureTarget) => (target.kind === 'external' ? 'external' : `${target.kind}:${target.id}`);

export function targetOfValue(value: string, externalText: string): MeasureTarget {
  if (value === 'external') return { kind: 'external', text: externalText };
  const [kind, ...id] = value.split(':');
  return { kind: kind === 'indicator' ? 'indicator' : 'factor', id: id.join(':') };
}
