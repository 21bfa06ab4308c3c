import { useState } from 'react';
import { ModalDialog } from '../../shared/ModalDialog';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { number } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { decideMarks, getSchoolMarks, ROLES, type ParticipationReport, type ReviewDecision, type SchoolRow } from './api';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation.marks;
const roleNames = sharedStrings.roles;

interface MarksDialogProps {
  report: ParticipationReport;
  school: SchoolRow;
  /** Whether this caller may decide (a coordinator); a school team only reads. */
  mayDecide: boolean;
  onDecided(): void;
  onClose(): void;
}

/** A school's marked answers by group and reason, and the coordinator's decision for each group. */
export function MarksDialog({ report, school, mayDecide, onDecided, onClose }: MarksDialogProps) {
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => getSchoolMarks(report.wave.id, school.id), `${report.wave.id}:${school.id}:${version}`);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ error: unknown } | { changed: number } | null>(null);

  async function decide(decision: ReviewDecision) {
    setBusy(true);
    try {
      const { changed } = await decideMarks(report.wave.id, school.id, decision);
      setOutcome({ changed });
      setVersion((v) => v + 1);
      onDecided();
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  }

  const marks = loaded.data;
  const roles = ROLES.filter((role) => marks?.answers.some((a) => a.role === role));
  return (
    <ModalDialog titleId="pt-marks-title" title={s.title(school.name)} closeLabel={s.close} onClose={onClose}>
      <p className="muted">{s.intro}</p>
      {loaded.error !== null && <ErrorMessage error={loaded.error} />}
      {!marks && loaded.error === null && <p className="muted">{s.loading}</p>}
      {marks && roles.length === 0 && <p>{s.none}</p>}
      {outcome && 'error' in outcome && <ErrorMessage error={outcome.error} />}
      {outcome && 'changed' in outcome && (
        <p role="status" className="pt-marks-done">
          {s.done(outcome.changed)}
        </p>
      )}
      {marks &&
        roles.map((role) => {
          const total = marks.answers.find((a) => a.role === role)!;
          return (
            <section key={role} className="pt-marks-role" data-role={role}>
              <h3>
                {roleNames[role]}: {s.counted.toLowerCase()} {number(total.counted)}, {s.held.toLowerCase()} {number(total.held)}, {s.excluded.toLowerCase()}{' '}
                {number(total.excluded)}
              </h3>
              <table className="pt-marks-table">
                <thead>
                  <tr>
                    <th>{s.reason}</th>
                    <th className="num">{s.counted}</th>
                    <th className="num">{s.held}</th>
                    <th className="num">{s.excluded}</th>
                  </tr>
                </thead>
                <tbody>
                  {marks.marks
                    .filter((m) => m.role === role)
                    .map((m) => (
                      <tr key={m.mark} data-mark={m.mark}>
                        <td>{s.reasons[m.mark]}</td>
                        <td className="num">{number(m.counted)}</td>
                        <td className="num">{number(m.held)}</td>
                        <td className="num">{number(m.excluded)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
              {mayDecide && (
                <div className="toolbar">
                  {total.held + total.excluded > 0 && (
                    <button type="button" className="primary" disabled={busy} onClick={() => void decide({ role, decision: 'accept' })}>
                      {s.accept}
                    </button>
                  )}
                  {total.held + total.counted > 0 && (
                    <button type="button" disabled={busy} onClick={() => void decide({ role, decision: 'exclude' })}>
                      {s.exclude}
                    </button>
                  )}
                </div>
              )}
            </section>
          );
        })}
    </ModalDialog>
  );
}
