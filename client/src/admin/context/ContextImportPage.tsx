import { useState } from 'react';
import { ApiFailure } from '../../shared/api';
import { UploadCard } from '../upload/UploadCard';
import { uploadStrings } from '../upload/strings';
import { errorText } from '../../shared/errors';
import { applyContext, downloadTemplate, previewContext, type ContextApplied, type ContextKind, type ContextPreview } from './api';
import { PreviewPanel } from './PreviewPanel';
import { contextStrings as s } from './strings';
import '../roster/roster.css';
import './context.css';

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
  const file = step.kind === 'checking' || step.kind === 'checked' ? step.file : null;
  const busy = step.kind === 'checking' || (step.kind === 'checked' && step.applying);

  function switchKind(next: ContextKind) {
    setFileKind(next);
    setStep({ kind: 'idle' });
    setError(null);
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
        <UploadCard
          inputId="context-file"
          heading={s.upload.heading(fileKind)}
          hint={s.upload.hint}
          columns={s.upload.columns[fileKind]}
          file={file}
          busy={busy}
          onFile={(chosen) => void check(chosen)}
          onTemplate={(format) => void downloadTemplate(fileKind, format).catch((e) => setError(errorText(e, s.errors)))}
        />
        <div className="roster-result">
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          {step.kind === 'checking' && (
            <p className="notice" role="status">
              <span className="spinner" aria-hidden="true" /> {uploadStrings.checking}
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
