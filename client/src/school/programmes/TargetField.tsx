import { useId } from 'react';
import type { TargetGroup } from './targets';
import { programmeStrings as s } from './strings';

const t = s.editor;

interface Props {
  value: string;
  externalText: string;
  /** The saved target's words, offered when the list lacks it (an id the wave's model does not hold). */
  savedTitle?: string;
  groups: TargetGroup[];
  onChange(value: string, externalText: string): void;
}

/** What the measure should move: a factor or an indicator of the wave's model, or another measure in words. */
export function TargetField({ value, externalText, savedTitle, groups, onChange }: Props) {
  const id = useId();
  const offered = value === 'external' || groups.some((g) => value === `factor:${g.factorId}` || g.indicators.some((i) => value === `indicator:${i.id}`));
  return (
    <div className="pg-target">
      <label htmlFor={`${id}-select`}>{t.target}</label>
      <select id={`${id}-select`} value={value} onChange={(e) => onChange(e.target.value, externalText)}>
        {!offered && <option value={value}>{savedTitle ?? value}</option>}
        {groups.map((g) => (
          <optgroup key={g.factorId} label={`${g.factorId}. ${g.factorTitle}`}>
            <option value={`factor:${g.factorId}`}>
              {g.factorId}. {t.targetFactor}
            </option>
            {g.indicators.map((i) => (
              <option key={i.id} value={`indicator:${i.id}`}>
                {i.title}
              </option>
            ))}
          </optgroup>
        ))}
        <option value="external">{t.external}</option>
      </select>
      {value === 'external' && (
        <>
          <label htmlFor={`${id}-text`}>{t.externalText}</label>
          <input
            id={`${id}-text`}
            required
            maxLength={500}
            placeholder={t.externalHint}
            value={externalText}
            onChange={(e) => onChange(value, e.target.value)}
          />
        </>
      )}
    </div>
  );
}
