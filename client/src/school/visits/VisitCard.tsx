import { useState } from 'react';
import { calendarDay } from '../../shared/format';
import type { Visit } from './api';
import { VisitProtocolView } from './VisitProtocolView';
import { VisitReportForm } from './VisitReportForm';
import { visitStrings as s } from './strings';

interface Props {
  visit: Visit;
  priorities: { id: string; title: string }[];
  timeZone: string;
  onChanged(): void;
}

/** One visit: when, what for and, once made, what the curator saw; its curator opens the protocol form here. */
export function VisitCard({ visit: v, priorities, timeZone, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="card vs-card" data-testid="visit">
      <div className="vs-card-head">
        <strong>{v.madeOn ? s.madeOn(calendarDay(v.madeOn)) : s.plannedOn(calendarDay(v.plannedOn))}</strong>
        <span className="badge vs-kind">{s.kinds[v.kind]}</span>
      </div>
      <p className="vs-text">{v.purpose}</p>
      <p className="muted sc-small">{s.curator(v.curator)}</p>
      {editing ? (
        <VisitReportForm visit={v} priorities={priorities} timeZone={timeZone} onSaved={onChanged} onCancel={() => setEditing(false)} />
      ) : (
        <>
          {v.madeOn && <VisitProtocolView visit={v} priorities={priorities} />}
          {v.editable && (
            <button type="button" onClick={() => setEditing(true)}>
              {v.madeOn ? s.report.edit : s.report.open}
            </button>
          )}
        </>
      )}
    </li>
  );
}
