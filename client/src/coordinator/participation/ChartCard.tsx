import { useId, useState, type ReactNode } from 'react';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation.views;

interface ChartCardProps {
  title: string;
  caption: string;
  chart: ReactNode;
  table: ReactNode;
  /** Which view opens first; a summary people read row by row starts as a table. */
  initial?: 'chart' | 'table';
  /** Height of the chart area; long category lists need more. */
  chartHeight?: number;
}

/** A chart with a table view of the same numbers, for people who prefer (or need) numbers to bars. */
export function ChartCard({ title, caption, chart, table, initial = 'chart', chartHeight = 260 }: ChartCardProps) {
  const [view, setView] = useState(initial);
  const titleId = useId();
  return (
    <section className="card pt-chart-card" aria-labelledby={titleId}>
      <header className="pt-card-head">
        <h2 id={titleId}>{title}</h2>
        <div className="pt-toggle" role="group" aria-label={s.label}>
          {(['chart', 'table'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={view === option} className={view === option ? 'on' : ''} onClick={() => setView(option)}>
              {s[option]}
            </button>
          ))}
        </div>
        <p className="muted pt-caption">{caption}</p>
      </header>
      {view === 'chart' ? (
        <div className="pt-chart" style={{ height: chartHeight }}>
          {chart}
        </div>
      ) : (
        <div className="pt-table-wrap" role="region" tabIndex={0} aria-label={title}>
          {table}
        </div>
      )}
    </section>
  );
}
