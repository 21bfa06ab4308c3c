import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, DEFAULT_TIME_ZONE, lastDayOf, percent } from '../../shared/format';
import { withheldBy } from '../../shared/release';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { WavePickers } from '../WavePickers';
import { fetchWaves } from '../region/api';
import { downloadConfirmedChange, downloadOverview, fetchConfirmedChange, fetchOverview, type Format, type ProgrammesOverview } from './api';
import { ConfirmedChangeCard } from './ConfirmedChangeCard';
import { CuratorsTable } from './CuratorsTable';
import { SchoolsTable } from './SchoolsTable';
import { programmesStrings as s } from './strings';
import './programmes.css';

type WaveChoice = { id: number; title: string; timeZone: string };

/** A refusal as the screen says it: figures of a wave still open say when they appear (docs/methodology.md §6 rule 2). */
function Failure({ error, waves, onRetry }: { error: unknown; waves: WaveChoice[]; onRetry?(): void }) {
  const withheld = withheldBy(error);
  if (!withheld) return <ErrorMessage error={error} messages={s.errors} onRetry={onRetry} />;
  const wave = waves.find((w) => w.id === withheld.waveId);
  return (
    <p className="muted" role="status" data-testid="change-withheld">
      {s.withheld(wave?.title ?? '', day(lastDayOf(withheld.releasesAt), wave?.timeZone ?? DEFAULT_TIME_ZONE))}
    </p>
  );
}

function ExportButtons({ label, onExport }: { label: string; onExport(format: Format): void }) {
  return (
    <div className="pm-export">
      <span className="muted">{label}</span>
      <button type="button" onClick={() => onExport('csv')}>
        {s.csv}
      </button>
      <button type="button" onClick={() => onExport('xlsx')}>
        {s.xlsx}
      </button>
    </div>
  );
}

/**
 * The coordinator's follow-up of the antirisk programmes of a wave's schools, its curators' visits, and the positive
 * change confirmed by the programmes of the wave it is compared with (docs/methodology.md §11).
 */
export function ProgrammesPage() {
  const [params] = useSearchParams();
  const waves = useLoad(fetchWaves, 'waves');
  const [exportError, setExportError] = useState<unknown>(null);

  // The wave in the address, else the wave of the moment; compared with the one asked for, else the one before it.
  const { latestFirst, wave, earlier } = pickWaves(waves.data, params.get('wave'));
  const asked = params.get('compare');
  const compare = asked === 'none' ? null : (earlier.find((w) => String(w.id) === asked) ?? earlier[0] ?? null);
  const overview = useLoad(wave && (() => fetchOverview(wave.id)), `${wave?.id}`);
  const change = useLoad(wave && compare && (() => fetchConfirmedChange(wave.id, compare.id)), `${wave?.id}:${compare?.id}`);

  async function exportWith(download: () => Promise<void>) {
    setExportError(null);
    try {
      await download();
    } catch (e) {
      setExportError(e);
    }
  }

  if (waves.data?.length === 0) return <p className="muted">{s.noWaves}</p>;

  return (
    <div className="pm-page">
      <header className="pm-head">
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </header>

      {wave && (
        <div className="pm-controls">
          <WavePickers waves={latestFirst} wave={wave} comparable={earlier} compare={compare} labels={s} />
          <ExportButtons label={s.exportOverview} onExport={(format) => void exportWith(() => downloadOverview(wave.id, format))} />
        </div>
      )}

      {waves.error !== null && <ErrorMessage error={waves.error} messages={s.errors} onRetry={waves.reload} />}
      {overview.error !== null && <Failure error={overview.error} waves={latestFirst} onRetry={overview.reload} />}
      {exportError !== null && <Failure error={exportError} waves={latestFirst} />}
      {!overview.data && waves.error === null && overview.error === null && <p className="muted">{s.loading}</p>}

      {overview.data && (
        <>
          <Headline overview={overview.data} />
          <SchoolsTable overview={overview.data} />
        </>
      )}

      {wave && (
        <section className="card pm-card" aria-labelledby="pm-change-title" data-testid="confirmed-change">
          <div className="pm-card-head">
            <h2 id="pm-change-title">{s.change.title}</h2>
            {compare && (
              <ExportButtons label={s.exportChange} onExport={(format) => void exportWith(() => downloadConfirmedChange(wave.id, compare.id, format))} />
            )}
          </div>
          {!compare && <p className="muted">{earlier.length === 0 ? s.change.noEarlier : s.change.noCompare}</p>}
          {change.error !== null && <Failure error={change.error} waves={latestFirst} onRetry={change.reload} />}
          {compare && !change.data && change.error === null && <p className="muted">{s.change.loading}</p>}
          {change.data && <ConfirmedChangeCard change={change.data} />}
        </section>
      )}

      {overview.data && <CuratorsTable overview={overview.data} />}
    </div>
  );
}

function Headline({ overview }: { overview: ProgrammesOverview }) {
  const { approved, total, share } = overview.approvedShare;
  const overdue = overview.schools.reduce((sum, r) => sum + r.overdueMeasures, 0);
  const remarks = overview.schools.reduce((sum, r) => sum + r.openRemarks, 0);
  const withoutPriorities = overview.schools.filter((r) => r.priorities === 0).length;
  return (
    <div className="pm-stats">
      <div className="stat" data-testid="approved-share">
        <div className="label">{s.stats.approved}</div>
        <div className="value">{share === null ? '—' : percent(share)}</div>
        <div className="pm-meter" aria-hidden="true">
          <span style={{ width: `${(share ?? 0) * 100}%` }} />
        </div>
        <div className="pm-detail">{s.stats.approvedOf(approved, total)}</div>
      </div>
      <div className={`stat ${overdue > 0 ? 'pm-stat-warn' : ''}`}>
        <div className="label">{s.stats.overdue}</div>
        <div className="value">{overdue}</div>
        <div className="muted pm-detail">{s.stats.overdueSchools(overview.schools.filter((r) => r.overdueMeasures > 0).length)}</div>
      </div>
      <div className="stat">
        <div className="label">{s.stats.remarks}</div>
        <div className="value">{remarks}</div>
        <div className="muted pm-detail">{s.stats.remarksSchools(overview.schools.filter((r) => r.openRemarks > 0).length)}</div>
      </div>
      <div className="stat">
        <div className="label">{s.stats.noPriorities}</div>
        <div className="value">{s.stats.noPrioritiesOf(withoutPriorities, total)}</div>
      </div>
    </div>
  );
}
