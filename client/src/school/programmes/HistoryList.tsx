import { dateTime } from '../../shared/format';
import type { Programme } from './api';
import { programmeStrings as s } from './strings';

const t = s.history;

/** Every step of the programme's life cycle: who, when, and the reviewer's word on it. */
export function HistoryList({ programme, timeZone }: { programme: Programme; timeZone: string }) {
  return (
    <section className="card pg-history no-print" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">{t.title}</h2>
      <ol className="pg-history-list">
        {programme.history.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{dateTime(e.at, timeZone)}</time> — <strong>{t.events[e.action]}</strong>
            {e.by && <span className="muted"> · {e.by}</span>}
            {e.comment && <p className="pg-text muted">{e.comment}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
