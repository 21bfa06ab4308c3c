import { useState } from 'react';
import { ApiFailure } from '../../shared/api';
import { UploadCard } from '../upload/UploadCard';
import { uploadStrings } from '../upload/strings';
import { errorText } from '../../shared/errors';
import { applyRoster, downloadTemplate, previewRoster, type RosterApplied, type RosterPreview } from './api';
import { PreviewPanel } from './PreviewPanel';
import { RegionsPanel } from './RegionsPanel';
import { rosterStrings as s } from './strings';
import './roster.css';

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
  const file = step.kind === 'checking' || step.kind === 'checked' ? step.file : null;
  const busy = step.kind === 'checking' || (step.kind === 'checked' && step.applying);

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
        <UploadCard
          inputId="roster-file"
          heading={s.upload.heading}
          hint={s.upload.hint}
          columns={s.upload.columns}
          file={file}
          busy={busy}
          onFile={(chosen) => void check(chosen)}
          onTemplate={(format) => void downloadTemplate(format).catch((e) => setError(errorText(e, s.errors)))}
        />
        <RegionsPanel version={imports} />
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
          {step.kind === 'checked' && <PreviewPanel preview={step.preview} applying={step.applying} onApply={(confirm) => void apply(confirm)} />}
        </div>
      </div>
    </section>
  );
}
