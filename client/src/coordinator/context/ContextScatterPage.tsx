import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, DEFAULT_TIME_ZONE, lastDayOf } from '../../shared/format';
import { withheldBy } from '../../shared/release';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { MunicipalityFilter } from '../MunicipalityFilter';
import { fetchResults, fetchScatter, fetchWaves, type AvailableResult, type Measure, type Scatter, type ScatterPick } from './api';
import { LEVEL_COLORS } from './levels';
import { ScatterChart } from './ScatterChart';
import { ScatterTable } from './ScatterTable';
import { contextStrings as s } from './strings';
import './context.css';

const MEASURES: Measure[] = ['mean', 'share2'];
const resultKey = (r: Pick<AvailableResult, 'procedure' | 'subject' | 'grade'>) => `${r.procedure}:${r.grade}:${r.subject}`;
const resultName = (r: Pick<AvailableResult, 'procedure' | 'subject' | 'grade'>) => s.resultName(s.procedures[r.procedure], r.subject, r.grade);

/** r to two decimals with the Russian comma and a real minus sign. */
const correlation = (r: number) => `${r < 0 ? '−' : ''}${Math.abs(r).toFixed(2).replace('.', ',')}`;

/**
 * The region's scatter of a risk factor against an assessment result (issue #14). Every pick but the municipality is
 * kept in the address, so that a shared link opens the same view; the page opens on the latest closed wave, whose
 * scores are out.
 */
export function ContextScatterPage() {
  const [params, setParams] = useSearchParams();
  const [municipality, setMunicipality] = useState<number | null>(null);
  const waves = useLoad(fetchWaves, 'waves');
  const closed = [...(waves.data ?? [])].filter((w) => w.status === 'closed').sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0];
  const { latestFirst, wave } = pickWaves(waves.data, params.get('wave') ?? (closed ? String(closed.id) : null));
  const available = useLoad(wave && (() => fetchResults(wave.id)), `${wave?.id}`);

  const factors = available.data?.factors ?? [];
  const results = available.data?.results ?? [];
  const factor = factors.find((f) => f.id === params.get('factor')) ?? factors[0];
  const result = results.find((r) => resultKey(r) === params.get('result')) ?? results[0];
  const askedYear = Number(params.get('year'));
  const year = result ? (result.years.includes(askedYear) ? askedYear : result.defaultYear) : null;
  const measure = MEASURES.find((m) => m === params.get('measure')) ?? 'mean';
  const pick: ScatterPick | null =
    factor && result
      ? { factor: factor.id, procedure: result.procedure, subject: result.subject, grade: result.grade, year, measure, municipalityId: municipality }
      : null;
  const loaded = useLoad(wave && pick && (() => fetchScatter(wave.id, pick)), JSON.stringify([wave?.id, pick]));

  const choose = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(key, value);
      // Another result has other years: its own default applies.
      if (key === 'result' || key === 'wave') next.delete('year');
      return next;
    });

  if (waves.data?.length === 0) return <p className="muted">{s.noWaves}</p>;

  return (
    <div className="cs-page">
      <header>
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </header>

      {wave && (
        <div className="cs-controls">
          <label>
            {s.wave}
            <select value={wave.id} onChange={(e) => choose('wave', e.target.value)}>
              {latestFirst.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title}
                  {latestFirst.some((o) => o.regionId !== wave.regionId) ? ` — ${w.regionName}` : ''}
                </option>
              ))}
            </select>
          </label>
          {factor && (
            <label>
              {s.factor}
              <select value={factor.id} onChange={(e) => choose('factor', e.target.value)}>
                {factors.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.id}. {f.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          {result && (
            <>
              <label>
                {s.result}
                <select value={resultKey(result)} onChange={(e) => choose('result', e.target.value)}>
                  {results.map((r) => (
                    <option key={resultKey(r)} value={resultKey(r)}>
                      {resultName(r)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {s.year}
                <select value={year ?? ''} onChange={(e) => choose('year', e.target.value)}>
                  {year === null && <option value="">—</option>}
                  {result.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {s.measure}
                <select value={measure} onChange={(e) => choose('measure', e.target.value)}>
                  {MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {s.measures[m]}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          {loaded.data && (
            <MunicipalityFilter
              municipalities={loaded.data.municipalities.map((m) => [m.id, m.name])}
              value={municipality}
              onChange={setMunicipality}
              labels={s}
            />
          )}
        </div>
      )}

      {waves.error !== null && <ErrorMessage error={waves.error} messages={s.errors} onRetry={waves.reload} />}
      {available.error !== null && <ErrorMessage error={available.error} messages={s.errors} onRetry={available.reload} />}
      {available.data && results.length === 0 && (
        <p className="card muted" data-testid="no-results">
          {s.noResults}
        </p>
      )}
      {loaded.error !== null && <ScatterError error={loaded.error} waves={latestFirst} onRetry={loaded.reload} />}
      {(waves.loading || available.loading || loaded.loading) && waves.error === null && available.error === null && loaded.error === null && (
        <p className="muted">{s.loading}</p>
      )}

      {loaded.data && <ScatterView scatter={loaded.data} />}
    </div>
  );
}

function ScatterError({ error, waves, onRetry }: { error: unknown; waves: Array<{ id: number; title: string; timeZone: string }>; onRetry(): void }) {
  const withheld = withheldBy(error);
  if (!withheld) return <ErrorMessage error={error} messages={s.errors} onRetry={onRetry} />;
  const wave = waves.find((w) => w.id === withheld.waveId);
  return (
    <p className="card" role="status" data-testid="figures-withheld">
      {s.withheld(wave?.title ?? '', day(lastDayOf(withheld.releasesAt), wave?.timeZone ?? DEFAULT_TIME_ZONE))}
    </p>
  );
}

function ScatterView({ scatter }: { scatter: Scatter }) {
  const { correlation: c, notPlotted, result } = scatter;
  const plotted = scatter.schools.filter((row) => row.score !== null && row.value !== null);
  const name = resultName(result);
  return (
    <section className="card cs-card" aria-labelledby="cs-chart-title">
      <h2 id="cs-chart-title">
        {scatter.factor.id}. {scatter.factor.title} × {name}
      </h2>
      <p className="cs-summary" data-testid="scatter-summary">
        <strong>{s.summary.plotted(scatter.plotted)}</strong>
        {' · '}
        {c.r !== null ? (
          <strong title={s.summary.rHint}>{s.summary.r(correlation(c.r))}</strong>
        ) : (
          <span className="muted">{c.n < c.minSchools ? s.summary.rTooFew(c.minSchools) : s.summary.rConstant}</span>
        )}
        {' · '}
        <span className="muted">{result.year === null ? s.summary.noYear : s.summary.year(result.year)}</span>
      </p>
      {notPlotted.total > 0 && (
        <p className="muted cs-summary" data-testid="not-plotted">
          {s.summary.notPlottedTotal(notPlotted.total, scatter.schools.length)}:{' '}
          {[notPlotted.noScore > 0 && s.summary.noScore(notPlotted.noScore), notPlotted.noResult > 0 && s.summary.noResult(notPlotted.noResult)]
            .filter(Boolean)
            .join('; ')}
        </p>
      )}
      <ul className="cs-legend" aria-label={s.legend}>
        {(['low', 'medium', 'high'] as const).map((level) => (
          <li key={level}>
            <span className="cs-dot" style={{ background: LEVEL_COLORS[level] }} aria-hidden="true" />
            {s.levels[level]}
          </li>
        ))}
      </ul>
      {plotted.length > 0 ? (
        <div className="cs-chart">
          <ScatterChart rows={plotted} xTitle={s.axis[result.measure]} yTitle={s.axis.score(scatter.factor.id)} label={s.chart(scatter.factor.title, name)} />
        </div>
      ) : (
        <p className="muted" data-testid="nothing-plotted">
          {s.summary.nothing}
        </p>
      )}
      <h3>{s.table.title}</h3>
      <ScatterTable rows={scatter.schools} waveId={scatter.wave.id} valueTitle={s.table.value[result.measure]} />
    </section>
  );
}
