import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiFailure } from '../../app/api';
import { errorText } from '../../app/errors';
import { downloadProfiles, fetchRegionPicture, fetchWaves, type RegionPicture, type WaveView } from './api';
import { FactorSummaryTable } from './FactorSummaryTable';
import { HeatMap } from './HeatMap';
import { regionStrings as s } from './strings';
import './region.css';

const failureText = (e: unknown) => (e instanceof ApiFailure && s.errors[e.code]) || errorText(e);
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`.replace('.', ',');

/** The wave in the address, else the latest that has opened; and the wave it is compared with. */
function chosenWaves(waves: WaveView[], params: URLSearchParams) {
  const latestFirst = [...waves].sort((a, b) => b.opensAt.localeCompare(a.opensAt) || b.id - a.id);
  const wave = latestFirst.find((w) => String(w.id) === params.get('wave')) ?? latestFirst.find((w) => w.status !== 'planned') ?? latestFirst[0];
  const others = latestFirst.filter((w) => w.id !== wave?.id && w.regionId === wave?.regionId);
  const asked = params.get('compare');
  const compare = asked === 'none' ? null : (others.find((w) => String(w.id) === asked) ?? others.find((w) => w.opensAt < wave.opensAt) ?? null);
  return { latestFirst, wave, others, compare };
}

/** The coordinator's picture of the territory's schools: levels, priorities, and positive change against the target. */
export function RegionPicturePage() {
  const [params, setParams] = useSearchParams();
  const [waves, setWaves] = useState<WaveView[] | null>(null);
  const [picture, setPicture] = useState<RegionPicture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [municipality, setMunicipality] = useState<number | null>(null);
  const [byRisk, setByRisk] = useState(false);

  useEffect(() => {
    fetchWaves().then(setWaves, (e) => setError(failureText(e)));
  }, []);

  const chosen = waves && waves.length > 0 ? chosenWaves(waves, params) : null;
  const waveId = chosen?.wave.id ?? null;
  const compareId = chosen?.compare?.id ?? null;

  useEffect(() => {
    if (!waveId) return;
    let current = true;
    setPicture(null);
    setError(null);
    fetchRegionPicture(waveId, compareId).then(
      (p) => current && setPicture(p),
      (e) => current && setError(failureText(e)),
    );
    return () => {
      current = false;
    };
  }, [waveId, compareId, round]);

  const choose = (key: 'wave' | 'compare', value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(key, value);
      if (key === 'wave') next.delete('compare');
      return next;
    });

  async function exportAs(format: 'csv' | 'xlsx') {
    try {
      await downloadProfiles(waveId!, format);
    } catch (e) {
      setError(failureText(e));
    }
  }

  if (waves && waves.length === 0) return <p className="muted">{s.noWaves}</p>;

  const municipalities = picture ? [...new Map(picture.schools.map((r) => [r.school.municipality.id, r.school.municipality.name]))] : [];
  const rows = (picture?.schools ?? [])
    .filter((r) => municipality === null || r.school.municipality.id === municipality)
    .sort((a, b) => (byRisk ? highCount(b) - highCount(a) : 0));

  return (
    <div className="rp-page">
      <header className="rp-head">
        <div>
          <h1>{s.title}</h1>
          <p className="muted">{s.intro}</p>
        </div>
      </header>

      {chosen && (
        <div className="rp-controls">
          <label>
            {s.wave}
            <select value={chosen.wave.id} onChange={(e) => choose('wave', e.target.value)}>
              {chosen.latestFirst.map((w) => (
                <option key={w.id} value={w.id}>{w.title}{waves!.some((x) => x.regionId !== w.regionId) ? ` — ${w.regionName}` : ''}</option>
              ))}
            </select>
          </label>
          <label>
            {s.compareWith}
            <select value={chosen.compare?.id ?? 'none'} onChange={(e) => choose('compare', e.target.value)}>
              <option value="none">{s.noCompare}</option>
              {chosen.others.map((w) => (
                <option key={w.id} value={w.id}>{w.title}</option>
              ))}
            </select>
          </label>
          <div className="rp-export">
            <span className="muted">{s.export}</span>
            <button type="button" onClick={() => void exportAs('csv')}>{s.csv}</button>
            <button type="button" onClick={() => void exportAs('xlsx')}>{s.xlsx}</button>
          </div>
        </div>
      )}

      {error && (
        <p className="error" role="alert">
          {error} <button type="button" className="link" onClick={() => setRound((r) => r + 1)}>{s.retry}</button>
        </p>
      )}
      {!picture && !error && <p className="muted">{s.loading}</p>}

      {picture && (
        <>
          <Headline picture={picture} />

          <section className="card rp-card" aria-labelledby="rp-heatmap-title">
            <div className="rp-card-head">
              <div>
                <h2 id="rp-heatmap-title">{s.heatmap.title}</h2>
                <p className="muted rp-caption">{s.heatmap.caption}</p>
              </div>
              <div className="rp-filters">
                {municipalities.length > 1 && (
                  <label>
                    {s.municipality}
                    <select value={municipality ?? ''} onChange={(e) => setMunicipality(e.target.value ? Number(e.target.value) : null)}>
                      <option value="">{s.allMunicipalities}</option>
                      {municipalities.map(([id, name]) => (
                        <option key={id} value={id}>{name}</option>
                      ))}
                    </select>
                  </label>
                )}
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

function Headline({ picture }: { picture: RegionPicture }) {
  const d = picture.dynamics;
  const top = [...picture.factors].sort((a, b) => b.high - a.high)[0];
  const withPriorities = picture.schools.filter((r) => r.priorities.length > 0).length;
  const needed = d ? Math.max(0, Math.ceil(d.target * d.schools - 1e-9) - d.positive) : 0;
  return (
    <div className="rp-stats">
      <div className="stat">
        <div className="label">{s.stats.schools}</div>
        <div className="value">{picture.schools.length}</div>
        <div className="muted rp-detail">{s.stats.schoolsHint}</div>
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
