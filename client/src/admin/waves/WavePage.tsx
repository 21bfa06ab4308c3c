import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { date, lastDayOf, percent } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { downloadLinks, getWave, syncLinks } from './api';
import { AccessModes } from './AccessModes';
import { LocalhostBanner } from './LocalhostBanner';
import { SchoolLinksTable } from './SchoolLinksTable';
import { StatusBadge } from './StatusBadge';
import { wavesStrings as s } from './strings';
import { WaveForm } from './WaveForm';

export function WavePage() {
  const waveId = Number(useParams().waveId);
  const wave = useLoad(() => getWave(waveId), `wave-${waveId}`);
  const created = (useLocation().state as { linksCreated?: number } | null)?.linksCreated;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(created === undefined ? null : s.form.created(created));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after anything that changes links, so the table reloads.
  const [linksVersion, setLinksVersion] = useState(0);

  async function run(action: () => Promise<string | void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const message = await action();
      if (message) setNotice(message);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (wave.error) return <ErrorMessage error={wave.error} />;
  if (!wave.data) return <p className="muted">…</p>;
  const w = wave.data;

  return (
    <section className="waves">
      <Link to="/admin" className="back no-print">
        {s.wave.back}
      </Link>
      <LocalhostBanner />
      <div className="page-head">
        <div>
          <h1>{w.title}</h1>
          <p className="wave-meta">
            <StatusBadge status={w.status} />
            <span>{w.regionName}</span>
            <span>{s.dateRange(date(w.opensAt, w.timeZone), date(lastDayOf(w.closesAt), w.timeZone))}</span>
            <span>{s.wave.target(percent(w.target))}</span>
            <span>{w.modelTitle}</span>
            <span>{s.wave.responses(w.responses)}</span>
          </p>
        </div>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {s.wave.edit}
          </button>
        )}
      </div>
      {editing && (
        <WaveForm
          wave={w}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            wave.reload();
          }}
        />
      )}

      <AccessModes
        wave={w}
        busy={busy}
        onChange={(action) =>
          run(async () => {
            const message = await action();
            wave.reload();
            setLinksVersion((v) => v + 1);
            return message;
          })
        }
      />

      <div className="toolbar">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const result = await syncLinks(w.id);
              setLinksVersion((v) => v + 1);
              return s.wave.syncDone(result.created + result.restored);
            })
          }
          title={s.wave.syncHint}
        >
          {s.wave.sync}
        </button>
        <button type="button" disabled={busy} onClick={() => run(() => downloadLinks(w.id, 'csv'))}>
          {s.wave.exportCsv}
        </button>
        <button type="button" disabled={busy} onClick={() => run(() => downloadLinks(w.id, 'xlsx'))}>
          {s.wave.exportXlsx}
        </button>
      </div>
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <h2>{s.wave.schoolsTitle}</h2>
      <SchoolLinksTable waveId={w.id} version={linksVersion} rosterFrozen={w.status !== 'planned'} onError={setError} onNotice={setNotice} />
    </section>
  );
}
