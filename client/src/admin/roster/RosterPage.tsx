import { useState, type ChangeEvent } from 'react';
import { ApiFailure } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { applyRoster, downloadTemplate, previewRoster, type RosterApplied, type RosterPreview } from './api';
import { PreviewPanel } from './PreviewPanel';
import { RegionsPanel } from './RegionsPanel';
import { rosterStrings as s } from './strings';
import './roster.css';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: File }
  | { kind: 'checked'; file: File; preview: RosterPreview; applying: boolean }
  | { kind: 'applied'; result: RosterApplied };

/** The administrator's school list: upload a file, see exactly what it would change, apply it in one go. */
export function RosterPage() {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [imports, setImports] = useState(0);
  const [dragging, setDragging] = useState(false);
  const file = step.kind === 'checking' || step.kind === 'checked' ? step.file : null;
  const busy = step.kind === 'checking' || (step.kind === 'checked' && step.applying);

  function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    // Choosing the same file again after fixing it in Excel must fire `change` again.
    e.target.value = '';
    if (chosen) void check(chosen);
  }

  async function check(chosen: File) {
    setError(null);
    setStep({ kind: 'checking', file: chosen });
    try {
      setStep({ kind: 'checked', file: chosen, preview: await previewRoster(chosen), applying: false });
    } catch (err) {
      setError(errorText(err, s.errors));
      setStep({ kind: 'idle' });
    }
  }

  async function apply(confirmLookAlikes: boolean) {
    if (step.kind !== 'checked') return;
    setError(null);
    setStep({ ...step, applying: true });
    try {
      setStep({ kind: 'applied', result: await applyRoster(step.file, confirmLookAlikes) });
      setImports((n) => n + 1);
    } catch (err) {
      setError(errorText(err, s.errors));
      // The database changed since the preview (another import): show the errors and warnings as they are now.
      const details =
        err instanceof ApiFailure
          ? (err.details as Partial<Pick<RosterPreview, 'errors' | 'errorCount' | 'warnings' | 'warningCount'>> | undefined)
          : undefined;
      let preview = step.preview;
      if (details?.errors) preview = { ...preview, errors: details.errors, errorCount: details.errorCount ?? details.errors.length };
      if (details?.warnings) preview = { ...preview, warnings: details.warnings, warningCount: details.warningCount ?? details.warnings.length };
      setStep({ ...step, preview, applying: false });
    }
  }

  return (
    <section className="roster">
      <header className="roster-head">
        <h1>{s.title}</h1>
        <p className="muted lead">{s.lead}</p>
      </header>
      <div className="roster-layout">
        <section className="card upload" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{s.upload.heading}</h2>
          <p className="hint">{s.upload.hint}</p>
          <ol className="column-list">
            {s.upload.columns.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <div
            className={`drop-zone${dragging ? ' dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              const dropped = e.dataTransfer.files[0];
              if (dropped && !busy) void check(dropped);
            }}
          >
            <input id="roster-file" className="visually-hidden" type="file" accept={ACCEPT} onChange={choose} disabled={busy} />
            <label htmlFor="roster-file" className={`file-button${file ? '' : ' primary'}`}>
              {file ? s.upload.chooseAnother : s.upload.choose}
            </label>
            {file ? (
              <span className="file-name" title={file.name}>
                {file.name} <span className="muted">· {s.upload.size(file.size)}</span>
              </span>
            ) : (
              <span className="muted">{s.upload.drop}</span>
            )}
          </div>
          <p className="templates muted">
            {s.upload.template}{' '}
            <button type="button" className="link" onClick={() => void downloadTemplate('xlsx').catch((e) => setError(errorText(e, s.errors)))}>
              {s.upload.templateXlsx}
            </button>
            {' · '}
            <button type="button" className="link" onClick={() => void downloadTemplate('csv').catch((e) => setError(errorText(e, s.errors)))}>
              {s.upload.templateCsv}
            </button>
          </p>
        </section>
        <RegionsPanel version={imports} />
        <div className="roster-result">
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          {step.kind === 'checking' && (
            <p className="notice" role="status">
              <span className="spinner" aria-hidden="true" /> {s.upload.checking}
            </p>
          )}
          {step.kind === 'applied' && (
            <p className="notice notice-ok" role="status">
              {s.applied(step.result.summary)}
            </p>
          )}
          {step.kind === 'checked' && <PreviewPanel preview={step.preview} applying={step.applying} onApply={(confirm) => void apply(confirm)} />}
        </div>
      </div>
    </section>
  );
}
