import { useId } from 'react';
import type { MeasureDraft } from './draft';
import type { TargetGroup } from './targets';
import { TargetField } from './TargetField';
import { programmeStrings as s } from './strings';

const t = s.editor;

interface Props {
  number: number;
  measure: MeasureDraft;
  targets: TargetGroup[];
  onChange(measure: MeasureDraft): void;
  onRemove(): void;
}

/** One row of the plan: what, by when, who answers for it, what should come of it and which figure it should move. */
export function MeasureFields({ number, measure: m, targets, onChange, onRemove }: Props) {
  const id = useId();
  const set = (changes: Partial<MeasureDraft>) => onChange({ ...m, ...changes });
  return (
    <fieldset className="pg-measure-row" data-testid="measure-fields">
      <legend>{t.measure(number)}</legend>
      <div className="pg-field pg-field-action">
        <label htmlFor={`${id}-action`}>{t.action}</label>
        <textarea id={`${id}-action`} required maxLength={1000} rows={2} value={m.action} onChange={(e) => set({ action: e.target.value })} />
      </div>
      <div className="pg-field pg-field-deadline">
        <label htmlFor={`${id}-deadline`}>{t.deadline}</label>
        <input id={`${id}-deadline`} type="date" required value={m.deadline} onChange={(e) => set({ deadline: e.target.value })} />
      </div>
      <div className="pg-field pg-field-responsible">
        <label htmlFor={`${id}-responsible`}>{t.responsible}</label>
        <input
          id={`${id}-responsible`}
          required
          maxLength={300}
          aria-describedby={`${id}-responsible-hint`}
          value={m.responsible}
          onChange={(e) => set({ responsible: e.target.value })}
        />
        <small id={`${id}-responsible-hint`} className="muted">
          {t.responsibleHint}
        </small>
      </div>
      <div className="pg-field pg-field-result">
        <label htmlFor={`${id}-result`}>{t.result}</label>
        <textarea id={`${id}-result`} required maxLength={1000} rows={2} value={m.expectedResult} onChange={(e) => set({ expectedResult: e.target.value })} />
      </div>
      <div className="pg-field pg-field-target">
        <TargetField
          value={m.target}
          externalText={m.externalText}
          savedTitle={m.savedTitle}
          groups={targets}
          onChange={(target, externalText) => set({ target, externalText })}
        />
      </div>
      <div className="pg-field pg-field-remove">
        <button type="button" className="link" aria-label={t.removeMeasure(number)} onClick={onRemove}>
          {t.remove}
        </button>
      </div>
    </fieldset>
  );
}
