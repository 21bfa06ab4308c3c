import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiFailure } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { createWave, listModels, listRegions, updateWave, type Wave, type WaveDetails } from './api';
import { zoneLabel } from '../../shared/format';
import { todayPlus } from './dates';
import { wavesStrings as s } from './strings';

type Props =
  | { wave?: undefined; onDone(wave: Wave & { linksCreated?: number }): void; onCancel(): void }
  | { wave: WaveDetails; onDone(wave: Wave): void; onCancel(): void };

/** Creates a wave, or edits one when `wave` is given (its region never changes: the links belong to it). */
export function WaveForm({ wave, onDone, onCancel }: Props) {
  const regions = useLoad(() => (wave ? Promise.resolve([]) : listRegions()), 'regions');
  const models = useLoad(listModels, 'models');
  const [regionId, setRegionId] = useState('');
  const [title, setTitle] = useState(wave?.title ?? '');
  const [opens, setOpens] = useState(wave ? wave.firstDay : todayPlus(0));
  const [closes, setCloses] = useState(wave ? wave.lastDay : todayPlus(20));
  const [target, setTarget] = useState(String(Math.round((wave?.target ?? 0.9) * 100)));
  const [modelId, setModelId] = useState(wave?.modelId ?? '');
  const [error, setError] = useState<string | null>(null);
  // The refusal names a screen to go to: the link is given beside the text.
  const [operatorMissing, setOperatorMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const chosenModel = modelId || models.data?.[0]?.id || '';
  const modelLocked = wave !== undefined && wave.responses > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (closes < opens) return setError(s.form.datesOrder);
    setBusy(true);
    setError(null);
    try {
      const fields = { title, firstDay: opens, lastDay: closes, target: Number(target) / 100 };
      if (wave) {
        // Untouched days are not sent, so a wave created through the API keeps its exact hours.
        const changed = {
          title: title !== wave.title ? title : undefined,
          firstDay: opens !== wave.firstDay ? opens : undefined,
          lastDay: closes !== wave.lastDay ? closes : undefined,
          target: fields.target !== wave.target ? fields.target : undefined,
          modelId: chosenModel !== wave.modelId ? chosenModel : undefined,
        };
        const body = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
        onDone(Object.keys(body).length > 0 ? await updateWave(wave.id, body) : wave);
      } else {
        onDone(await createWave({ ...fields, regionId: Number(regionId), modelId: chosenModel }));
      }
    } catch (err) {
      setError(errorText(err));
      setOperatorMissing(err instanceof ApiFailure && err.code === 'operator_details_missing');
    } finally {
      setBusy(false);
    }
  }

  const noRegions = !wave && regions.data?.length === 0;
  // The days are the region's: its zone is named so an administrator elsewhere reads them right.
  const zone = wave ? wave.timeZone : regions.data?.find((r) => String(r.id) === regionId)?.timeZone;
  const loadError = regions.error ?? models.error;
  const message = error ?? (loadError === null ? null : errorText(loadError));
  return (
    <form className="card form wave-form" onSubmit={submit} aria-label={wave ? s.form.editTitle : s.form.createTitle}>
      <h2>{wave ? s.form.editTitle : s.form.createTitle}</h2>
      {!wave && (
        <label>
          {s.form.region}
          {noRegions ? (
            <span className="muted">
              {s.form.noRegions} <Link to="/admin/roster">{s.form.toRoster}</Link>
            </span>
          ) : (
            <select name="region" required value={regionId} onChange={(e) => setRegionId(e.target.value)}>
              <option value="">{s.form.regionPick}</option>
              {regions.data?.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {s.form.regionSchools(r.schools)}
                </option>
              ))}
            </select>
          )}
        </label>
      )}
      <label>
        {s.form.title}
        <input name="title" required maxLength={200} placeholder={s.form.titlePlaceholder} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="form-row">
        <label>
          {s.form.opens}
          <input type="date" name="opens" required value={opens} onChange={(e) => setOpens(e.target.value)} />
        </label>
        <label>
          {s.form.closes}
          <input type="date" name="closes" required min={opens} value={closes} onChange={(e) => setCloses(e.target.value)} />
        </label>
        <label>
          {s.form.target}
          <input type="number" name="target" required min={1} max={100} step={1} value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
      </div>
      {zone && <p className="muted hint">{s.form.daysInZone(zoneLabel(zone))}</p>}
      <p className="muted hint">{s.form.targetHint}</p>
      <label>
        {s.form.model}
        <select name="model" required disabled={modelLocked} value={chosenModel} onChange={(e) => setModelId(e.target.value)}>
          {models.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title} ({m.id})
            </option>
          ))}
        </select>
        {modelLocked && <span className="muted hint">{s.form.modelLocked}</span>}
        {models.data?.length === 0 && <span className="error hint">{s.form.noModels}</span>}
      </label>
      {message && (
        <p className="error" role="alert">
          {message}
          {operatorMissing && (
            <>
              {' '}
              <Link to="/admin/operator">{s.form.toOperator}</Link>
            </>
          )}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy || noRegions || !chosenModel}>
          {busy ? s.form.saving : wave ? s.form.submitEdit : s.form.submitCreate}
        </button>
        <button type="button" onClick={onCancel}>
          {s.form.cancel}
        </button>
      </div>
    </form>
  );
}
