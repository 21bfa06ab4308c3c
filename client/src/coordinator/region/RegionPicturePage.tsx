import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, DEFAULT_TIME_ZONE, lastDayOf, percent } from '../../shared/format';
import { withheldBy } from '../../shared/release';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { WavePickers } from '../WavePickers';
import { downloadProfiles, fetchRegionPicture, fetchWaves, narrowPicture, type RegionPicture } from './api';
import { FactorSummaryTable } from './FactorSummaryTable';
import { HeatMap } from './HeatMap';
import { regionStrings as s } from './strings';
import './region.css';
import { MunicipalityFilter } from '../MunicipalityFilter';

/** Figures of a wave still open say when they will appear (docs/methodology.md §6 rule 2); any other error as it is. */
function PictureError({ error, waves, onRetry }: { error: unknown; waves: Array<{ id: number; title: string; timeZone: string }>; onRetry?(): void }) {
  const withheld = withheldBy(error);
  if (!withheld) return <ErrorMessage error={error} messages={s.errors} onRetry={onRetry} />;
  const wave = waves.find((w) => w.id === withheld.waveId);
  return (
    <p className="card" role="status" data-testid="figures-withheld">
      {s.withheld(wave?.title ?? '', day(lastDayOf(withheld.releasesAt), wave?.timeZone ?? DEFAULT_TIME_ZONE))}
    </p>
  );
}

/** The coordinator's picture of the territory's schools: levels, priorities, and positive change against the target. */
export function RegionPicturePage() {
  const [params] = useSearchParams();
  const waves = useLoad(fetchWaves, 'waves');
  const [exportError, setExportError] = useState<unknown>(null);
  const [municipality, setMunicipality] = useState<number | null>(null);
  const [byRisk, setByRisk] = useState(false);

  // The wave in the address, else the wave of the moment; compared with the one asked for, else the one before it.
  const { latestFirst, wave, earlier } = pickWaves(waves.data, params.get('wave'));
  const others = latestFirst.filter((w) => w.id !== wave?.id && w.regionId === wave?.regionId);
  const asked = params.get('compare');
  const compare = asked === 'none' ? null : (others.find((w) => String(w.id) === asked) ?? earlier[0] ?? null);
  const loaded = useLoad(wave && (() => fetchRegionPicture(wave.id, compare?.id ?? null)), `${wave?.id}:${compare?.id}`);
  const whole = loaded.data;
  // The cards, the heat map, the factor table and the export all show the schools the filter leaves.
  const picture = useMemo(() => whole && narrowPicture(whole, municipality), [whole, municipality]);

  async function exportAs(format: 'csv' | 'xlsx') {
    setExportError(null);
    try {
      await downloadProfiles(wave!.id, format, municipality);
    } catch (e) {
      setExportError(e);
    }
  }

  if (waves.data?.length === 0) return <p className="muted">{s.noWaves}</p>;

  const municipalities = whole ? [...new Map(whole.schools.map((r) => [r.school.municipality.id, r.school.municipality.name]))] : [];
  const rows = [...(picture?.schools ?? [])].sort((a, b) => (byRisk ? highCount(b) - highCount(a) : 0));

  return (
    <div className="rp-page">
      <header className="rp-head">
        <div>
          <h1>{s.title}</h1>
          <p className="muted">{s.intro}</p>
        </div>
      </header>

      {wave && (
        <div className="rp-controls">
          <WavePickers waves={latestFirst} wave={wave} comparable={others} compare={compare} labels={s} />
          <div className="rp-export">
            <span className="muted">{s.export}</span>
            <button type="button" onClick={() => void exportAs('csv')}>
              {s.csv}
            </button>
            <button type="button" onClick={() => void exportAs('xlsx')}>
              {s.xlsx}
            </button>
          </div>
        </div>
      )}

      {waves.error !== null && <ErrorMessage error={waves.error} messages={s.errors} onRetry={waves.reload} />}
      {loaded.error !== null && <PictureError error={loaded.error} waves={latestFirst} onRetry={loaded.reload} />}
      {exportError !== null && <PictureError error={exportError} waves={latestFirst} />}
      {!picture && waves.error === null && loaded.error === null && <p className="muted">{s.loading}</p>}

      {picture && (
        <>
          <Headline picture={picture} municipality={municipalities.find(([id]) => id === municipality)?.[1] ?? null} />

          <section className="card rp-card" aria-labelledby="rp-heatmap-title">
            <div className="rp-card-head">
              <div>
                <h2 id="rp-heatmap-title">{s.heatmap.title}</h2>
                <p className="muted rp-caption">{s.heatmap.caption}</p>
                {picture.dynamics !== null && (
                  <p className="muted rp-caption" data-testid="change-legend">
                    {s.heatmap.changeLegend}
                  </p>
                )}
              </div>
              <div className="rp-filters">
                <MunicipalityFilter municipalities={municipalities} value={municipality} onChange={setMunicipality} labels={s} />
                <label>
                  {s.sort}
                  <select value={byRisk ? 'risk' : 'name'} onChange={(e) => setByRisk(e.target.value === 'risk')}>
                    <option value="name">{s.sortByName}</option>
                    <option value="risk">{s.sortByRisk}</option>
                  </select>
                </label>
              </div>
            </div>
            <Legend />
            <HeatMap picture={picture} rows={rows} />
          </section>

          <FactorSummaryTable picture={picture} />
        </>
      )}
    </div>
  );
}

function highCount(row: RegionPicture['schools'][number]) {
  return row.cells.filter((c) => c.level === 'high').length;
}

function Headline({ picture, municipality }: { picture: RegionPicture; municipality: string | null }) {
  const d = picture.dynamics;
  const top = [...picture.factors].sort((a, b) => b.high - a.high)[0];
  const withPriorities = picture.schools.filter((r) => r.priorities.length > 0).length;
  const needed = d ? Math.max(0, Math.ceil(d.target * d.schools - 1e-9) - d.positive) : 0;
  return (
    <div className="rp-stats">
      <div className="stat">
        <div className="label">{s.stats.schools}</div>
        <div className="value">{picture.schools.length}</div>
        <div className="muted rp-detail">{municipality === null ? s.stats.schoolsHint : s.stats.schoolsHintIn(municipality)}</div>
      </div>
      <div className={`stat ${d ? (needed === 0 ? 'rp-stat-ok' : 'rp-stat-warn') : ''}`} data-testid="positive-change">
        <div className="label">{s.stats.positive}</div>
        {d ? (
          <>
            <div className="value">{d.share === null ? '—' : percent(d.share)}</div>
            <div className="rp-meter" aria-hidden="true">
              <span style={{ width: `${(d.share ?? 0) * 100}%` }} />
              <i style={{ left: `${d.target * 100}%` }} />
            </div>
            <div className="rp-detail">
              {s.stats.positiveOf(d.positive, d.schools)} · {s.stats.target(percent(d.target))}
            </div>
            <div className={`rp-detail ${needed === 0 ? 'ok' : 'rp-warn'}`}>{needed === 0 ? s.stats.reached : s.stats.short(needed)}</div>
            <div className="muted rp-detail">{s.stats.between(d.earlier.title, d.later.title)}</div>
          </>
        ) : (
          <div className="muted rp-detail">{s.stats.noCompare}</div>
        )}
      </div>
      <div className="stat">
        <div className="label">{s.stats.topHigh}</div>
        {top && top.high > 0 ? (
          <>
            <div className="value">{s.stats.topHighValue(top.id, top.high)}</div>
            <div className="muted rp-detail">{top.title}</div>
          </>
        ) : (
          <div className="muted rp-detail">{s.stats.noHigh}</div>
        )}
      </div>
      <div className="stat">
        <div className="label">{s.stats.priorities}</div>
        <div className="value">{s.stats.prioritiesOf(withPriorities, picture.schools.length)}</div>
      </div>
    </div>
  );
}

function Legend() {
  return (
    <ul className="rp-legend" aria-label={s.legend}>
      {(['low', 'medium', 'high', 'insufficient'] as const).map((level) => (
        <li key={level}>
          <span className={`rp-swatch rp-${level}`} aria-hidden="true" />
          {s.levels[level]}
        </li>
      ))}
    </ul>
  );
}
