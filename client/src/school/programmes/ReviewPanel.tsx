import { useState } from 'react';
import { errorText } from '../../shared/errors';
import { reviewProgramme, type Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.review;

interface Props {
  programme: Programme;
  onChange(programme: Programme, notice: string): void;
}

/** A submitted programme before its reviewer: approved as it is, or returned with a remark saying what to change. */
export function ReviewPanel({ programme, onChange }: Props) {
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: 'approve' | 'return') {
    if (decision === 'return' && !remark.trim()) {
      setError(t.remarkRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // A remark given with an approval stays in the history as its comment.
      const reviewed = await reviewProgramme(programme.id, decision, remark.trim() || undefined);
      onChange(reviewed, decision === 'approve' ? t.approved : t.returned);
    } catch (e) {
      setError(errorText(e, s.errors));
      setBusy(false);
    }
  }

  return (
    <section className="card pg-review no-print" aria-labelledby="review-title" data-testid="review">
      <h2 id="review-title">{t.title}</h2>
      <label className="pg-field">
        {t.remark}
        <textarea rows={3} maxLength={4000} aria-describedby="review-hint" value={remark} onChange={(e) => setRemark(e.target.value)} />
        <small id="review-hint" className="muted">
          {t.remarkHint}
        </small>
      </label>
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void decide('return')}>
          {t.return}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
          {t.approve}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
