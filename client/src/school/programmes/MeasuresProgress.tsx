import type { Programme } from './api';
import { MeasureProgress } from './MeasureProgress';
import { programmeStrings as s } from './strings';

const t = s.progress;

interface Props {
  programme: Programme;
  timeZone: string;
  onChange(programme: Programme): void;
}

/** How the saved measures go: the team reports at any stage, most of all once the programme is approved. */
export function MeasuresProgress({ programme, timeZone, onChange }: Props) {
  return (
    <section className="card pg-progress no-print" aria-labelledby="progress-title" data-testid="progress">
      <h2 id="progress-title">{t.title}</h2>
      {programme.measures.length === 0 ? (
        <p className="muted">{t.noMeasures}</p>
      ) : (
        <>
          {programme.actions.updateMeasures && <p className="muted">{t.intro}</p>}
          <ol className="pg-progress-list">
            {programme.measures.map((m, i) => (
              <MeasureProgress key={m.id} programme={programme} measure={m} number={i + 1} timeZone={timeZone} onChange={onChange} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
