import type { Visit } from './api';
import { visitStrings as s } from './strings';

interface Props {
  visit: Visit;
  priorities: { id: string; title: string }[];
}

/** What the curator recorded: the lesson seen, notes against the school's risks, and the conclusions. */
export function VisitProtocolView({ visit: v, priorities }: Props) {
  const { lessonClass, subject, observations } = v.protocol;
  const titleOf = (factorId: string | null) =>
    factorId === null ? s.protocol.general : `${factorId}. ${priorities.find((p) => p.id === factorId)?.title ?? ''}`.trim();
  return (
    <div className="vs-protocol">
      {lessonClass && subject && <p>{s.protocol.lesson(lessonClass, subject)}</p>}
      {observations.length > 0 && (
        <dl className="vs-observations">
          {observations.map((o, i) => (
            <div key={i}>
              <dt>{titleOf(o.factorId)}</dt>
              <dd className="vs-text">{o.note}</dd>
            </div>
          ))}
        </dl>
      )}
      {v.conclusions && (
        <>
          <h3 className="sc-small">{s.protocol.conclusions}</h3>
          <p className="vs-text">{v.conclusions}</p>
        </>
      )}
    </div>
  );
}
