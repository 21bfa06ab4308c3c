import { useId, useState } from 'react';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from '../../../../server/shared/rules/evidence-files';
import { errorText } from '../../shared/errors';
import { fetchProgramme, uploadEvidence, type Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.progress;
const ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => [...type.extensions.map((extension) => `.${extension}`), type.mediaType])
  .join(',');

interface Props {
  programmeId: number;
  measureId: number;
  onChange(programme: Programme): void;
}

/** Attaches one file to a measure; a file over the limit is refused here, before it travels. */
export function EvidenceUpload({ programmeId, measureId, onChange }: Props) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    if (file.size > MAX_EVIDENCE_BYTES) {
      setMessage({ ok: false, text: t.tooLarge });
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      await uploadEvidence(programmeId, measureId, file);
      onChange(await fetchProgramme(programmeId));
      setMessage({ ok: true, text: t.uploaded(file.name) });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, s.errors) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  return (
    <div className="pg-upload">
      <label htmlFor={id}>{t.upload}</label>
      <input id={id} type="file" accept={ACCEPT} disabled={busy} aria-describedby={`${id}-hint`} onChange={(e) => void upload(e.currentTarget)} />
      <small id={`${id}-hint`} className="muted">
        {busy ? t.uploading : t.allowed}
      </small>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
