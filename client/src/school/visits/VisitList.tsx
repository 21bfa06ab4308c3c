import type { Visit } from './api';
import { VisitCard } from './VisitCard';

interface Props {
  title: string;
  empty: string;
  visits: Visit[];
  priorities: { id: string; title: string }[];
  timeZone: string;
  onChanged(): void;
}

/** Visits of one kind of state: the planned ones, or the ones made. */
export function VisitList({ title, empty, visits, priorities, timeZone, onChanged }: Props) {
  return (
    <section className="vs-section" aria-label={title}>
      <h2>{title}</h2>
      {visits.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="vs-list">
          {visits.map((v) => (
            <VisitCard key={`${v.id}:${v.updatedAt}`} visit={v} priorities={priorities} timeZone={timeZone} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
