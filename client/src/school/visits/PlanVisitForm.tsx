import { useId, useState } from 'react';
import { errorText } from '../../shared/errors';
import { planVisit, type VisitKind } from './api';
import { KindSelect } from './KindSelect';
import { visitStrings as s } from './strings';

const t = s.plan;

interface Props {
  schoolId: number;
  onPlanned(): void;
}

/** The curator puts a visit in the school's calendar: the day, the kind and what it is for. */
export function PlanVisitForm({ schoolId, onPlanned }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [plannedOn, setPlannedOn] = useState('');
  const [kind, setKind] = useState<VisitKind>('consultation');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit() {
    setBusy(true);
    setMessage(null);
    try {
      await planVisit(schoolId, { plannedOn, kind, purpose: purpose.trim() });
      setOpen(false);
      setPlannedOn('');
      setPurpose('');
      setMessage({ ok: true, text: t.done });
      onPlanned();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, s.errors) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="vs-plan">
      {open ? (
        <form
          className="card form vs-form"
          aria-labelledby={`${id}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id={`${id}-title`}>{t.title}</h2>
          <label>
            {t.date}
            <input type="date" required value={plannedOn} onChange={(e) => setPlannedOn(e.target.value)} />
          </label>
          <label>
            {t.kind}
            <KindSelect value={kind} onChange={setKind} />
          </label>
          <label>
            {t.purpose}
            <textarea rows={2} required maxLength={1000} placeholder={t.purposeHint} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
          </label>
          <div className="toolbar">
            <button type="submit" className="primary" disabled={busy}>
              {t.submit}
            </button>
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              {t.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          {t.open}
        </button>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
