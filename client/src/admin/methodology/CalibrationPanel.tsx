import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { number } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { getCalibration, previewDerivation, type Calibration, type CalibrationIndicator, type FactorLevels, type ModelEdit } from './api';
import { LevelsComparison } from './LevelsComparison';
import { failureOf, FailureMessage, SaveVersionForm, type Failure } from './SaveVersionForm';
import { methodologyStrings } from './strings';

const s = methodologyStrings.calibration;

/** What the administrator typed for an indicator's two anchors, as text: a comma is a decimal point too. */
type Draft = Record<string, { best: string; worst: string }>;

const parse = (text: string) => {
  const x = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(x) ? x : null;
};

function initialDraft(calibration: Calibration): Draft {
  const draft: Draft = {};
  for (const ind of calibration.indicators) {
    const start = ind.proposed ?? ind.current;
    if (start) draft[ind.id] = { best: String(start.best), worst: String(start.worst) };
  }
  return draft;
}

/** The anchors that differ from the pinned model's, as edits of it; null while a number is unreadable. */
function changesOf(calibration: Calibration, draft: Draft): ModelEdit[] | null {
  const changes: ModelEdit[] = [];
  for (const ind of calibration.indicators) {
    const typed = draft[ind.id];
    if (!typed || !ind.current) continue;
    const [best, worst] = [parse(typed.best), parse(typed.worst)];
    if (best === null || worst === null) return null;
    if (best !== ind.current.best || worst !== ind.current.worst) changes.push({ kind: 'anchors', indicatorId: ind.id, best, worst });
  }
  return changes;
}

export function CalibrationPanel({ waveId }: { waveId: number }) {
  const loaded = useLoad(() => getCalibration(waveId), `calibration-${waveId}`);
  if (loaded.error !== null) return <ErrorMessage error={loaded.error} messages={methodologyStrings.errors} onRetry={loaded.reload} />;
  if (!loaded.data) return <p className="muted">{methodologyStrings.loading}</p>;
  return <CalibrationEditor calibration={loaded.data} />;
}

function CalibrationEditor({ calibration }: { calibration: Calibration }) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(calibration));
  const [levels, setLevels] = useState<FactorLevels[]>(calibration.factors);
  const [failure, setFailure] = useState<Failure | null>(null);
  const changes = changesOf(calibration, draft);

  async function recount() {
    if (!changes) return;
    setFailure(null);
    try {
      setLevels((await previewDerivation(calibration.wave.id, { baseModelId: calibration.model.id, edits: changes })).factors);
    } catch (e) {
      setFailure(failureOf(e, s.invalid));
    }
  }

  const edit = (id: string, end: 'best' | 'worst', value: string) => setDraft((d) => ({ ...d, [id]: { ...d[id]!, [end]: value } }));

  return (
    <>
      <p className="muted lead">{s.intro(calibration.rule.minSchools)}</p>
      <p>{s.model(calibration.model.id, calibration.model.title)}</p>
      <div className="table-wrap" role="region" tabIndex={0} aria-label={methodologyStrings.tabs.calibration}>
        <table className="calibration-table">
          <thead>
            <tr>
              <th>{s.columns.indicator}</th>
              <th>{s.columns.role}</th>
              <th>{s.columns.current}</th>
              <th className="num">{s.columns.percentiles}</th>
              <th className="num">{s.columns.schools}</th>
              <th>{s.columns.distribution}</th>
              <th>{s.columns.proposed}</th>
            </tr>
          </thead>
          <tbody>
            {calibration.indicators.map((ind) => (
              <IndicatorRow key={ind.id} indicator={ind} minSchools={calibration.rule.minSchools} draft={draft[ind.id]} onEdit={edit} />
            ))}
          </tbody>
        </table>
      </div>

      <h2>{s.levelsTitle}</h2>
      <p className="muted">{s.levelsIntro(calibration.schools)}</p>
      <button type="button" onClick={() => void recount()} disabled={!changes}>
        {s.recount}
      </button>
      {failure && <FailureMessage failure={failure} />}
      <LevelsComparison factors={levels} schools={calibration.schools} />

      <SaveVersionForm
        baseModel={calibration.model}
        waveId={calibration.wave.id}
        edits={changes}
        suffix={{ id: 'cal', title: 'калибровка' }}
        labels={{ title: s.saveTitle, save: s.save, nothingChanged: s.nothingChanged }}
      />
    </>
  );
}

interface RowProps {
  indicator: CalibrationIndicator;
  minSchools: number;
  draft: { best: string; worst: string } | undefined;
  onEdit(id: string, end: 'best' | 'worst', value: string): void;
}

function IndicatorRow({ indicator: ind, minSchools, draft, onEdit }: RowProps) {
  const p = ind.percentiles;
  const reason = ind.reason === 'too-few-schools' ? s.reasons['too-few-schools'](minSchools, ind.schoolsUsed) : ind.reason ? s.reasons[ind.reason] : null;
  return (
    <tr data-indicator={ind.id}>
      <td>
        <strong>{ind.id}</strong> <span className="muted">{methodologyStrings.kinds[ind.kind] ?? ind.kind}</span>
        {ind.title && <div className="muted">{ind.title}</div>}
      </td>
      <td>{sharedStrings.rolesShort[ind.role]}</td>
      <td>{ind.current ? `${number(ind.current.best)} → ${number(ind.current.worst)}` : '—'}</td>
      <td className="num">{p ? [p.p10, p.p25, p.p50, p.p75, p.p90].map((x) => number(x)).join(' · ') : '—'}</td>
      <td className="num">
        {ind.schoolsUsed} / {ind.schoolsWithValue}
      </td>
      <td>{ind.histogram && <Histogram counts={ind.histogram.counts} from={ind.histogram.from} to={ind.histogram.to} />}</td>
      <td>
        {draft && (
          <div className="anchors">
            {(['best', 'worst'] as const).map((end) => (
              <input
                key={end}
                aria-label={`${ind.id}: ${s[end]}`}
                inputMode="decimal"
                className={parse(draft[end]) === null ? 'invalid' : ''}
                title={parse(draft[end]) === null ? s.badNumber : undefined}
                value={draft[end]}
                onChange={(e) => onEdit(ind.id, end, e.target.value)}
              />
            ))}
          </div>
        )}
        {reason && <div className="muted note">{reason}</div>}
      </td>
    </tr>
  );
}

/** Ten bars from the smallest to the largest value: enough to see a pile at zero or a long tail. */
function Histogram({ counts, from, to }: { counts: number[]; from: number; to: number }) {
  const max = Math.max(...counts, 1);
  return (
    <div className="histogram" title={`${number(from)} … ${number(to)}`} aria-hidden="true">
      {counts.map((c, i) => (
        <span key={i} style={{ height: `${(c / max) * 100}%` }} />
      ))}
    </div>
  );
}
