import { useState } from 'react';
import { errorText } from '../../shared/errors';
import { date } from '../../shared/format';
import type { FactorResult } from '../api/profile';
import { savePriorities, type Priorities } from '../api/priorities';
import { LevelBadge } from '../profile/LevelBadge';
import { schoolStrings as s } from '../strings';

const MAX = 3;

interface Props {
  waveId: number;
  /** The region's zone, the one the choice's date is written in. */
  timeZone: string;
  schoolId: number;
  factors: FactorResult[];
  priorities: Priorities;
  onSaved(priorities: Priorities): void;
}

/** The (at most three) factors the team works on: read by everyone, chosen by the school's own team. */
export function PrioritiesCard({ waveId, timeZone, schoolId, factors, priorities, onSaved }: Props) {
  const [draft, setDraft] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const titles = new Map(factors.map((f) => [f.id, f]));

  function toggle(id: string) {
    if (!draft) return;
    setDraft(draft.includes(id) ? draft.filter((x) => x !== id) : draft.length < MAX ? [...draft, id] : draft);
  }

  async function save() {
    if (!draft) return;
    setBusy(true);
    setMessage(null);
    try {
      onSaved(await savePriorities(waveId, schoolId, draft));
      setDraft(null);
      setMessage({ ok: true, text: s.priorities.saved });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, s.errors) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="priorities-title" data-testid="priorities">
      <h2 id="priorities-title">{s.priorities.title}</h2>
      <p className="muted">{s.priorities.intro}</p>
      {draft === null ? (
        <>
          {priorities.factorIds.length === 0 ? (
            <p>{s.priorities.none}</p>
          ) : (
            <ol className="sc-priority-list">
              {priorities.factorIds.map((id) => (
                <li key={id}>
                  <span className="sc-factor-id">{id}.</span> {titles.get(id)?.title ?? id} {titles.get(id) && <LevelBadge level={titles.get(id)!.level} />}
                </li>
              ))}
            </ol>
          )}
          {priorities.chosenAt && <p className="muted sc-small">{s.priorities.chosenAt(date(priorities.chosenAt, timeZone))}</p>}
          <div className="no-print">
            {priorities.editable ? (
              <button type="button" onClick={() => setDraft(priorities.factorIds)}>
                {s.priorities.edit}
              </button>
            ) : (
              <p className="muted sc-small">{s.priorities.readOnly}</p>
            )}
          </div>
        </>
      ) : (
        <fieldset className="sc-priority-choice">
          <legend>{s.priorities.limit}</legend>
          {factors.map((f) => {
            const checked = draft.includes(f.id);
            return (
              <label key={f.id} className={checked ? 'sc-checked' : undefined}>
                <input type="checkbox" checked={checked} disabled={!checked && draft.length >= MAX} onChange={() => toggle(f.id)} />
                <span>
                  <span className="sc-factor-id">{f.id}.</span> {f.title}
                </span>
                <LevelBadge level={f.level} />
              </label>
            );
          })}
          <div className="toolbar">
            <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
              {s.priorities.save}
            </button>
            <button type="button" disabled={busy} onClick={() => setDraft(null)}>
              {s.priorities.cancel}
            </button>
          </div>
        </fieldset>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
