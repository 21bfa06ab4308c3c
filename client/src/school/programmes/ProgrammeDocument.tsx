import { calendarDay } from '../../shared/format';
import type { Programme } from './api';
import { programmeStrings as s } from './strings';

const c = s.document.columns;

interface Props {
  programme: Programme;
  /** While the team edits, the editor is on screen and this is what the page prints. */
  printOnly: boolean;
}

/** The saved programme as a document: goal, tasks and the plan of measures, as it is read, printed and filed. */
export function ProgrammeDocument({ programme: p, printOnly }: Props) {
  return (
    <section className={`card pg-document${printOnly ? ' pg-print-only' : ''}`} data-testid="programme-document">
      <h2>{s.document.goal}</h2>
      {p.goal.trim() ? <p className="pg-text">{p.goal}</p> : <p className="muted">{s.document.noGoal}</p>}
      <h2>{s.document.tasks}</h2>
      {p.tasks.length > 0 ? (
        <ol>
          {p.tasks.map((task, i) => (
            <li key={i}>{task}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">{s.document.noTasks}</p>
      )}
      <h2>{s.document.measures}</h2>
      {p.measures.length === 0 ? (
        <p className="muted">{s.document.noMeasures}</p>
      ) : (
        <table className="pg-measures">
          <thead>
            <tr>
              <th className="num">{c.number}</th>
              <th>{c.action}</th>
              <th>{c.deadline}</th>
              <th>{c.responsible}</th>
              <th>{c.result}</th>
              <th>{c.target}</th>
              <th>{c.status}</th>
            </tr>
          </thead>
          <tbody>
            {p.measures.map((m, i) => (
              <tr key={m.id}>
                <td className="num" data-label={c.number}>
                  {i + 1}
                </td>
                <td data-label={c.action}>{m.action}</td>
                <td data-label={c.deadline}>{calendarDay(m.deadline)}</td>
                <td data-label={c.responsible}>{m.responsible}</td>
                <td data-label={c.result}>{m.expectedResult}</td>
                <td data-label={c.target}>{m.targetTitle}</td>
                <td data-label={c.status}>
                  {s.statuses[m.status]}
                  {m.overdue && <span className="pg-overdue"> ({s.progress.overdue})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
