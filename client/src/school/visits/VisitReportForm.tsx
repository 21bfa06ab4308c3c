import { useId, useState } from 'react';
import { dayOf } from '../../../../server/shared/rules/zoned-days';
import { errorText } from '../../shared/errors';
import { reportVisit, type Visit, type VisitKind } from './api';
import { KindSelect } from './KindSelect';
import { visitStrings as s } from './strings';

const t = s.report;
/** The general note's key among the notes per risk. */
const GENERAL = '';

interface Props {
  visit: Visit;
  priorities: { id: string; title: string }[];
  /** The region's zone: a visit cannot have been made after today there. */
  timeZone: string;
  onSaved(): void;
  onCancel(): void;
}

/** The curator's protocol of a visit: when it took place, the lesson seen, a note against each priority risk, conclusions. */
export function VisitReportForm({ visit, priorities, timeZone, onSaved, onCancel }: Props) {
  const id = useId();
  const [plannedOn, setPlannedOn] = useState(visit.plannedOn);
  const [kind, setKind] = useState<VisitKind>(visit.kind);
  const [purpose, setPurpose] = useState(visit.purpose);
  const [madeOn, setMadeOn] = useState(visit.madeOn ?? '');
  const [lessonClass, setLessonClass] = useState(visit.protocol.lessonClass ?? '');
  const [subject, setSubject] = useState(visit.protocol.subject ?? '');
  const [notes, setNotes] = useState<Record<string, string>>(() => Object.fromEntries(visit.protocol.observations.map((o) => [o.factorId ?? GENERAL, o.note])));
  const [conclusions, setConclusions] = useState(visit.conclusions);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lesson = kind === 'lesson_observation';
  // A note kept against a risk the school no longer prioritises still shows, so saving does not drop it.
  const risks = [
    ...priorities,
    ...Object.keys(notes)
      .filter((id) => id !== GENERAL && !priorities.some((p) => p.id === id))
      .map((id) => ({ id, title: '' })),
  ];

  async function save() {
    setBusy(true);
    setError(null);
    const observations = [...risks.map((r) => r.id), GENERAL]
      .filter((key) => notes[key]?.trim())
      .map((key) => ({ factorId: key === GENERAL ? null : key, note: notes[key].trim() }));
    try {
      await reportVisit(visit.id, {
        plannedOn,
        kind,
        purpose: purpose.trim(),
        madeOn: madeOn || null,
        protocol: lesson ? { lessonClass: lessonClass.trim(), subject: subject.trim(), observations } : { observations },
        conclusions: conclusions.trim(),
      });
      onSaved();
    } catch (e) {
      setError(errorText(e, s.errors));
      setBusy(false);
    }
  }

  const noteField = (key: string, label: string) => (
    <label key={key}>
      {label}
      <textarea rows={2} maxLength={2000} value={notes[key] ?? ''} onChange={(e) => setNotes({ ...notes, [key]: e.target.value })} />
    </label>
  );

  return (
    <form
      className="form vs-form"
      aria-label={t.title}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="vs-row">
        <label>
          {t.plannedOn}
          <input type="date" required value={plannedOn} onChange={(e) => setPlannedOn(e.target.value)} />
        </label>
        <div className="vs-field">
          <label htmlFor={`${id}-made`}>{t.madeOn}</label>
          <input
            id={`${id}-made`}
            type="date"
            max={dayOf(new Date(), timeZone)}
            value={madeOn}
            aria-describedby={`${id}-made-hint`}
            onChange={(e) => setMadeOn(e.target.value)}
          />
          <small id={`${id}-made-hint`} className="muted">
            {t.madeOnHint}
          </small>
        </div>
        <label>
          {s.plan.kind}
          <KindSelect value={kind} onChange={setKind} />
        </label>
      </div>
      <label>
        {s.plan.purpose}
        <textarea rows={2} required maxLength={1000} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      </label>
      {lesson && (
        <div className="vs-row">
          <label>
            {t.lessonClass}
            <input
              required={madeOn !== ''}
              maxLength={20}
              placeholder={t.lessonClassHint}
              value={lessonClass}
              onChange={(e) => setLessonClass(e.target.value)}
            />
          </label>
          <label>
            {t.subject}
            <input required={madeOn !== ''} maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} />
          </label>
        </div>
      )}
      <fieldset className="vs-notes">
        <legend>{t.observations}</legend>
        <p className="muted sc-small">{t.observationsHint}</p>
        {risks.map((r) => noteField(r.id, r.title ? `${r.id}. ${r.title}` : r.id))}
        {noteField(GENERAL, t.general)}
      </fieldset>
      <label>
        {t.conclusions}
        <textarea rows={3} maxLength={4000} value={conclusions} onChange={(e) => setConclusions(e.target.value)} />
      </label>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {t.save}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
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
