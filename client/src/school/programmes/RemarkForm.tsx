import { useId, useState } from 'react';
import { errorText } from '../../shared/errors';
import { addRemark, type Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.remarks;

interface Props {
  programme: Programme;
  onChange(programme: Programme): void;
}

/** A reviewer's remark on the programme as a whole or on one of its measures; it waits for the team's answer. */
export function RemarkForm({ programme, onChange }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [about, setAbout] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      onChange(await addRemark(programme.id, body.trim(), about ? Number(about) : null));
      setBody('');
      setOpen(false);
    } catch (e) {
      setError(errorText(e, s.errors));
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <button type="button" className="no-print" onClick={() => setOpen(true)}>
        {t.add}
      </button>
    );
  return (
    <form
      className="pg-remark-form no-print"
      aria-label={t.addTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={`${id}-about`}>{t.about}</label>
      <select id={`${id}-about`} value={about} onChange={(e) => setAbout(e.target.value)}>
        <option value="">{t.aboutProgramme}</option>
        {programme.measures.map((m, i) => (
          <option key={m.id} value={m.id}>
            {t.aboutMeasure(i + 1, m.action)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-body`}>{t.body}</label>
      <textarea id={`${id}-body`} rows={3} required maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy || !body.trim()}>
          {t.addSubmit}
        </button>
        <button type="button" disabled={busy} onClick={() => setOpen(false)}>
          {t.cancel}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
