import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { saveModel, type ModelEdit } from './api';
import { methodologyStrings } from './strings';

const s = methodologyStrings.calibration;

/** What went wrong, and the loader's problems when the model was refused (English, under a Russian heading). */
export interface Failure {
  text: string;
  problems: string[];
}

export function failureOf(e: unknown, heading: string): Failure {
  const problems = e instanceof ApiFailure ? ((e.details as { problems?: string[] } | undefined)?.problems ?? []) : [];
  return { text: problems.length > 0 ? heading : errorText(e, methodologyStrings.errors), problems };
}

export function FailureMessage({ failure }: { failure: Failure }) {
  return (
    <div className="error" role="alert">
      {failure.text}
      {failure.problems.length > 0 && (
        <ul className="problems">
          {failure.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface Props {
  baseModel: { id: string; title: string };
  waveId: number;
  /** Null while an edit is unreadable. */
  edits: ModelEdit[] | null;
  /** What the new version is, in the suggested id and title: «cal», «калибровка». */
  suffix: { id: string; title: string };
  labels: { title: string; save: string; nothingChanged: string };
}

/** Saves the base model with the edits as a new version under a new id and title (docs/methodology.md §9). */
export function SaveVersionForm({ baseModel, waveId, edits, suffix, labels }: Props) {
  const today = new Date().toISOString().slice(0, 10);
  const [identity, setIdentity] = useState({ id: `${baseModel.id}-${suffix.id}-${today}`, title: `${baseModel.title} (${suffix.title} ${today})` });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!edits || edits.length === 0) return;
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      setSaved((await saveModel({ baseModelId: baseModel.id, waveId, id: identity.id.trim(), title: identity.title, edits })).id);
    } catch (err) {
      setFailure(failureOf(err, s.invalid));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form save-model" onSubmit={save}>
      <h2>{labels.title}</h2>
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
      {edits?.length === 0 && <p className="muted">{labels.nothingChanged}</p>}
      <div>
        <button type="submit" className="primary" disabled={busy || !edits || edits.length === 0}>
          {busy ? s.saving : labels.save}
        </button>
      </div>
      {saved && (
        <p className="ok" role="status">
          {s.saved(saved)}
        </p>
      )}
      {failure && <FailureMessage failure={failure} />}
    </form>
  );
}
