import { calendarDay } from '../../shared/format';
import type { Measure, Programme } from './api';
import { EvidenceList } from './EvidenceList';
import { EvidenceUpload } from './EvidenceUpload';
import { MeasureStatusForm } from './MeasureStatusForm';
import { programmeStrings as s } from './strings';

const t = s.progress;

interface Props {
  programme: Programme;
  measure: Measure;
  number: number;
  timeZone: string;
  onChange(programme: Programme): void;
}

/** One measure's progress: its status and files, reported by the team and read by everyone who sees the school. */
export function MeasureProgress({ programme, measure: m, number, timeZone, onChange }: Props) {
  const team = programme.actions.updateMeasures;
  return (
    <li className="pg-progress-item" data-testid="measure-progress">
      <h3>
        {number}. {m.action}
      </h3>
      <p className="sc-small">
        {t.deadline(calendarDay(m.deadline))}
        {m.overdue && <span className="badge pg-overdue-badge">{t.overdue}</span>}
      </p>
      {team ? (
        <MeasureStatusForm programmeId={programme.id} measure={m} onChange={onChange} />
      ) : (
        <p>
          <span className="pg-status">{s.statuses[m.status]}</span>
          {m.statusComment && <span className="muted"> — {m.statusComment}</span>}
        </p>
      )}
      <h4 className="sc-small">{t.evidence}</h4>
      <EvidenceList programmeId={programme.id} measure={m} timeZone={timeZone} />
      {team && <EvidenceUpload programmeId={programme.id} measureId={m.id} onChange={onChange} />}
    </li>
  );
}
