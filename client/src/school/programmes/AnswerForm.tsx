import { useId, useState } from 'react';
import { errorText } from '../../shared/errors';
import { answerRemark, type Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.remarks;

interface Props {
  programmeId: number;
  remarkId: number;
  onChange(programme: Programme): void;
}

/** The team's answer to one remark: what it changed, or why it keeps things as they are. */
export function AnswerForm({ programmeId, remarkId, onChange }: Props) {
  const id = useId();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      onChange(await answerRemark(programmeId, remarkId, answer.trim()));
    } catch (e) {
      setError(errorText(e, s.errors));
      setBusy(false);
    }
  }

  return (
    <form
      className="pg-answer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id}>{t.answerLabel}</label>
      <textarea id={id} rows={2} required maxLength={4000} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      <button type="submit" disabled={busy || !answer.trim()}>
        {t.send}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
