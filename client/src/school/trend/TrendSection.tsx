import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, lastDayOf } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { fetchTrend } from '../api/trend';
import { schoolStrings as s } from '../strings';
import { changedMeasure } from './series';
import { trendStrings as t } from './strings';
import { TrendChart } from './TrendChart';
import { TrendTable } from './TrendTable';
import './trend.css';

/** The school's factors across every wave it took part in (docs/methodology.md §4): one factor's line, or all as a table. */
export function TrendSection({ schoolId }: { schoolId: number }) {
  const loaded = useLoad(() => fetchTrend(schoolId), String(schoolId));
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [factorId, setFactorId] = useState<string | null>(null);
  const trend = loaded.data;
  const factor = trend?.factors.find((f) => f.id === factorId) ?? trend?.factors[0];
  const withheld = trend?.waves.filter((w) => w.releasesAt !== null) ?? [];
  const broken = trend && factor ? changedMeasure(factor, trend.waves) : [];

  return (
    <section className="card" aria-labelledby="trend-title" data-testid="trend">
      <div className="sc-panel-head">
        <h2 id="trend-title">{t.title}</h2>
        {trend && trend.waves.length > 0 && (
          <div className="sc-segmented" role="group" aria-label={t.title}>
            <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
              {t.chart}
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              {t.table}
            </button>
          </div>
        )}
      </div>
      <p className="muted">{t.intro}</p>
      {loaded.error ? (
        <ErrorMessage error={loaded.error} messages={s.errors} onRetry={loaded.reload} />
      ) : !trend ? (
        <p className="muted">{s.loading}</p>
      ) : trend.waves.length === 0 || !factor ? (
        <p>{t.noWaves}</p>
      ) : view === 'chart' ? (
        <>
          <label className="sc-inline-field">
            {t.factor}
            <select value={factor.id} onChange={(e) => setFactorId(e.target.value)} data-testid="trend-factor">
              {trend.factors.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.id}. {f.title}
                </option>
              ))}
            </select>
          </label>
          <TrendChart trend={trend} factor={factor} />
          <p className="muted sc-small">{t.bands}</p>
          {broken.length > 0 && (
            <p className="sc-model-notice" data-testid="trend-broken">
              {t.broken(broken.map(([earlier, later]) => t.pair(earlier, later)))}
            </p>
          )}
        </>
      ) : (
        <>
          <TrendTable trend={trend} />
          {trend.factors.some((f) => changedMeasure(f, trend.waves).length > 0) && <p className="muted sc-small">{t.tableNote}</p>}
        </>
      )}
      {withheld.map((w) => (
        <p key={w.wave.id} className="muted sc-small">
          {t.withheldNote(w.wave.title, day(lastDayOf(w.releasesAt!), w.wave.timeZone))}
        </p>
      ))}
    </section>
  );
}
