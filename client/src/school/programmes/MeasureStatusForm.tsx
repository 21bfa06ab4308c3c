import { useId, useState } from 'react';
import { errorText } from '../../shared/errors';
import { updateMeasure, type Measure, type MeasureStatus, type Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.progress;
const STATUSES = Object.keys(s.statuses) as MeasureStatus[];

interface Props {
  programmeId: number;
  measure: Measure;
  onChange(programme: Programme): void;
}

/** Where a measure stands, as its team reports it, with a word on what was done or what holds it up. */
export function MeasureStatusForm({ programmeId, measure, onChange }: Props) {
  const id = useId();
  const [status, setStatus] = useState(measure.status);
  const [comment, setComment] = useState(measure.statusComment);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const changed = status !== measure.status || comment !== measure.statusComment;

  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      const updated = await updateMeasure(programmeId, measure.id, status, comment.trim());
      setComment(comment.trim());
      onChange(updated);
      setMessage({ ok: true, text: t.saved });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, s.errors) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="pg-status-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="pg-field">
        <label htmlFor={`${id}-status`}>{t.status}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as MeasureStatus)}>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {s.statuses[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="pg-field pg-field-comment">
        <label htmlFor={`${id}-comment`}>{t.comment}</label>
        <input id={`${id}-comment`} maxLength={2000} placeholder={t.commentHint} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" disabled={busy || !changed}>
        {t.save}
      </button>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
