import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../../shared/api';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { number, percent } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { getCalibration, previewLevels, saveModel, type AnchorChange, type Calibration, type CalibrationIndicator, type FactorLevels } from './api';
import { methodologyStrings } from './strings';

const s = methodologyStrings.calibration;
const LEVELS = ['low', 'medium', 'high', 'insufficient'] as const;

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

/** The anchors that differ from the pinned model's; null while a number is unreadable. */
function changesOf(calibration: Calibration, draft: Draft): AnchorChange[] | null {
  const changes: AnchorChange[] = [];
  for (const ind of calibration.indicators) {
    const typed = draft[ind.id];
    if (!typed || !ind.current) continue;
    const [best, worst] = [parse(typed.best), parse(typed.worst)];
    if (best === null || worst === null) return null;
    if (best !== ind.current.best || worst !== ind.current.worst) changes.push({ indicatorId: ind.id, best, worst });
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
  const today = new Date().toISOString().slice(0, 10);
  const [identity, setIdentity] = useState({ id: `${calibration.model.id}-cal-${today}`, title: `${calibration.model.title} (калибровка ${today})` });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; problems: string[] } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const changes = changesOf(calibration, draft);

  const fail = (e: unknown) => {
    const problems = e instanceof ApiFailure ? ((e.details as { problems?: string[] } | undefined)?.problems ?? []) : [];
    setError({ text: problems.length > 0 ? s.invalid : errorText(e, methodologyStrings.errors), problems });
  };

  async function recount() {
    if (!changes) return;
    setError(null);
    try {
      setLevels((await previewLevels(calibration.wave.id, changes)).factors);
    } catch (e) {
      fail(e);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!changes || changes.length === 0) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const model = await saveModel({
        baseModelId: calibration.model.id,
        waveId: calibration.wave.id,
        id: identity.id.trim(),
        title: identity.title,
        anchors: changes,
      });
      setSaved(model.id);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const edit = (id: string, end: 'best' | 'worst', value: string) => setDraft((d) => ({ ...d, [id]: { ...d[id]!, [end]: value } }));

  return (
    <>
      <p className="muted lead">{s.intro(calibration.rule.minSchools)}</p>
      <p>{s.model(calibration.model.id, calibration.model.title)}</p>
      <div className="table-wrap">
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
      <div className="table-wrap levels-table">
        <table>
          <thead>
            <tr>
              <th>{s.factor}</th>
              {LEVELS.map((level) => (
                <th key={level} className="num">
                  <span className={`badge level-${level}`}>{s.levels[level]}</span>
                  <br />
                  {s.now} → {s.proposed}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {levels.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.id}. {f.title}
                </td>
                {LEVELS.map((level) => (
                  <td key={level} className={`num${f.current[level] !== f.proposed[level] ? ' changed' : ''}`}>
                    {share(f.current[level], calibration.schools)} → {share(f.proposed[level], calibration.schools)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form className="card form save-model" onSubmit={save}>
        <h2>{s.saveTitle}</h2>
        <p className="muted">{s.saveIntro}</p>
        <div className="form-row">
          <label>
            {s.newId}
            <input required value={identity.id} onChange={(e) => setIdentity({ ...identity, id: e.target.value })} />
          </label>
          <label>
            {s.newTitle}
            <input required value={identity.title} onChange={(e) => setIdentity({ ...identity, title: e.target.value })} />
          </label>
        </div>
        {changes?.length === 0 && <p className="muted">{s.nothingChanged}</p>}
        <div>
          <button type="submit" className="primary" disabled={busy || !changes || changes.length === 0}>
            {busy ? s.saving : s.save}
          </button>
        </div>
        {saved && (
          <p className="ok" role="status">
            {s.saved(saved)}
          </p>
        )}
        {error && (
          <div className="error" role="alert">
            {error.text}
            {error.problems.length > 0 && (
              <ul>
                {error.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </>
  );
}

const share = (count: number, total: number) => (total > 0 ? percent(count / total) : '—');

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
