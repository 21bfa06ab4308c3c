import { useState, type ChangeEvent } from 'react';
import { ApiFailure } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { applyContext, downloadTemplate, previewContext, type ContextApplied, type ContextKind, type ContextPreview } from './api';
import { PreviewPanel } from './PreviewPanel';
import { contextStrings as s } from './strings';
import '../roster/roster.css';
import './context.css';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: File }
  | { kind: 'checked'; file: File; preview: ContextPreview; applying: boolean }
  | { kind: 'applied'; result: ContextApplied };

/** The region's figures about its schools: pick the kind of file, see what it adds and replaces, apply it in one go. */
export function ContextImportPage() {
  const [fileKind, setFileKind] = useState<ContextKind>('indicators');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const file = step.kind === 'checking' || step.kind === 'checked' ? step.file : null;
  const busy = step.kind === 'checking' || (step.kind === 'checked' && step.applying);

  function switchKind(next: ContextKind) {
    setFileKind(next);
    setStep({ kind: 'idle' });
    setError(null);
  }

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
      setStep({ kind: 'checked', file: chosen, preview: await previewContext(fileKind, chosen), applying: false });
    } catch (err) {
      setError(errorText(err, s.errors));
      setStep({ kind: 'idle' });
    }
  }

  async function apply() {
    if (step.kind !== 'checked') return;
    setError(null);
    setStep({ ...step, applying: true });
    try {
      setStep({ kind: 'applied', result: await applyContext(fileKind, step.file) });
    } catch (err) {
      setError(errorText(err, s.errors));
      // The database changed since the preview (another import): show the errors as they are now.
      const details = err instanceof ApiFailure ? (err.details as Partial<Pick<ContextPreview, 'errors' | 'errorCount'>> | undefined) : undefined;
      const preview = details?.errors ? { ...step.preview, errors: details.errors, errorCount: details.errorCount ?? details.errors.length } : step.preview;
      setStep({ ...step, preview, applying: false });
    }
  }

  const template = (format: 'csv' | 'xlsx') => () => void downloadTemplate(fileKind, format).catch((e) => setError(errorText(e, s.errors)));

  return (
    <section className="roster context-import">
      <header className="roster-head">
        <h1>{s.title}</h1>
        <p className="muted lead">{s.lead}</p>
      </header>
      <div className="context-kinds" role="group" aria-label={s.kindGroup}>
        {(['indicators', 'results'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={fileKind === k} disabled={busy} onClick={() => switchKind(k)}>
            {s.kinds[k]}
          </button>
        ))}
      </div>
      <div className="roster-layout">
        <section className="card upload" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{s.upload.heading(fileKind)}</h2>
          <p className="hint">{s.upload.hint}</p>
          <ol className="column-list">
            {s.upload.columns[fileKind].map((c) => (
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
            <input id="context-file" className="visually-hidden" type="file" accept={ACCEPT} onChange={choose} disabled={busy} />
            <label htmlFor="context-file" className={`file-button${file ? '' : ' primary'}`}>
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
            <button type="button" className="link" onClick={template('xlsx')}>
              {s.upload.templateXlsx}
            </button>
            {' · '}
            <button type="button" className="link" onClick={template('csv')}>
              {s.upload.templateCsv}
            </button>
          </p>
        </section>
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
          {step.kind === 'checked' && <PreviewPanel preview={step.preview} applying={step.applying} onApply={() => void apply()} />}
        </div>
      </div>
    </section>
  );
}
