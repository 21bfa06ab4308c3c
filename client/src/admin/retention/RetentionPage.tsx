import { useState, type FormEvent } from 'react';
import type { RetentionRunView, RetentionView, RetentionWave } from '../../../../server/retention/retention.schemas';
import { api } from '../../shared/api';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { date, lastDayOf } from '../../shared/format';
import { ModalDialog } from '../../shared/ModalDialog';
import { useLoad } from '../../shared/useLoad';
import { retentionStrings as s } from './strings';
import './retention.css';

const loadRetention = () => api<RetentionView>('/api/admin/retention');

/** «Сроки хранения»: the periods, what is not set here, the job's last run, and each wave's answers with its deletion. */
export function RetentionPage() {
  const [version, setVersion] = useState(0);
  const loaded = useLoad(loadRetention, `retention:${version}`);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<RetentionWave | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const report = (text: string) => {
    setNotice(text);
    setError(null);
    reload();
  };

  const data = loaded.data;
  return (
    <section className="retention">
      <h1>{s.title}</h1>
      <p className="muted lead">{s.intro}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loaded.error ? <ErrorMessage error={loaded.error} onRetry={reload} /> : null}
      {data && (
        <>
          <PeriodsForm key={data.updatedAt} data={data} onSaved={() => report(s.saved)} onError={setError} />
          <h2>{s.fixedTitle}</h2>
          <ul className="retention-fixed">
            <li>{s.audit(data.auditMonths)}</li>
            <li>{s.serverLogs}</li>
          </ul>
          <ApplyNow lastRunAt={data.lastRunAt} onApplied={report} onError={setError} />
          <h2>{s.wavesTitle}</h2>
          {data.waves.length === 0 ? <p className="muted">{s.empty}</p> : <WavesTable waves={data.waves} onDelete={setDeleting} />}
        </>
      )}
      {deleting && (
        <DeleteWaveDialog
          wave={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            report(s.deleted(deleting.title));
          }}
        />
      )}
    </section>
  );
}

function PeriodsForm({ data, onSaved, onError }: { data: RetentionView; onSaved(): void; onError(text: string): void }) {
  const [answersMonths, setAnswersMonths] = useState(String(data.answersMonths));
  const [accountsDays, setAccountsDays] = useState(String(data.accountsDays));
  const [busy, setBusy] = useState(false);
  const { answersMonths: am, accountsDays: ad } = data.bounds;

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await api('/api/admin/retention', { method: 'PUT', json: { answersMonths: Number(answersMonths), accountsDays: Number(accountsDays) } });
      onSaved();
    } catch (err) {
      onError(errorText(err, s.errors));
    }
    setBusy(false);
  }

  return (
    <form className="retention-periods card" onSubmit={(e) => void save(e)}>
      <label>
        {s.answers}
        <input type="number" required min={am.min} max={am.max} step={1} value={answersMonths} onChange={(e) => setAnswersMonths(e.target.value)} />
        <span className="muted hint">{s.answersHint(am.min, am.max)}</span>
      </label>
      <label>
        {s.accounts}
        <input type="number" required min={ad.min} max={ad.max} step={1} value={accountsDays} onChange={(e) => setAccountsDays(e.target.value)} />
        <span className="muted hint">{s.accountsHint(ad.min, ad.max)}</span>
      </label>
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
      </div>
    </form>
  );
}

function ApplyNow({ lastRunAt, onApplied, onError }: { lastRunAt: string | null; onApplied(text: string): void; onError(text: string): void }) {
  const [busy, setBusy] = useState(false);
  async function apply() {
    setBusy(true);
    try {
      const run = await api<RetentionRunView>('/api/admin/retention/apply', { method: 'POST' });
      onApplied(
        s.applied(
          run.waves.length,
          run.waves.reduce((sum, w) => sum + w.answersDeleted, 0),
        ),
      );
    } catch (err) {
      onError(errorText(err, s.errors));
    }
    setBusy(false);
  }
  return (
    <p>
      {s.lastRun(lastRunAt)}{' '}
      <button type="button" disabled={busy} onClick={() => void apply()}>
        {busy ? s.applying : s.applyNow}
      </button>
    </p>
  );
}

function answersState(wave: RetentionWave) {
  if (wave.answersPurgedAt) return s.purgedOn(wave.answersPurgedAt, wave.timeZone);
  if (wave.status === 'open') return s.open;
  if (wave.status === 'planned') return s.planned;
  return s.dueOn(wave.answersDueAt!, wave.timeZone);
}

function WavesTable({ waves, onDelete }: { waves: RetentionWave[]; onDelete(wave: RetentionWave): void }) {
  return (
    <table className="retention-waves">
      <thead>
        <tr>
          <th scope="col">{s.wave}</th>
          <th scope="col">{s.region}</th>
          <th scope="col">{s.ended}</th>
          <th scope="col">{s.answersState}</th>
          <th scope="col">{s.deletion}</th>
        </tr>
      </thead>
      <tbody>
        {waves.map((wave) => (
          <tr key={wave.id} data-testid={`retention-wave-${wave.id}`}>
            <td>{wave.title}</td>
            <td data-label={s.region}>{wave.regionName}</td>
            <td data-label={s.ended}>{date(lastDayOf(wave.closesAt), wave.timeZone)}</td>
            <td data-label={s.answersState}>{answersState(wave)}</td>
            <td>
              <button
                type="button"
                disabled={wave.status === 'open'}
                title={wave.status === 'open' ? s.deleteOpenHint : undefined}
                aria-label={`${s.deleteWave} «${wave.title}»`}
                onClick={() => onDelete(wave)}
              >
                {s.deleteWave}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeleteWaveDialog({ wave, onClose, onDeleted }: { wave: RetentionWave; onClose(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === wave.title;

  async function remove(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await api(`/api/admin/waves/${wave.id}`, { method: 'DELETE', json: { confirmTitle: typed } });
      onDeleted();
    } catch (err) {
      setError(errorText(err, s.errors));
      setBusy(false);
    }
  }

  return (
    <ModalDialog titleId="retention-delete-title" title={s.dialogTitle(wave.title)} closeLabel={s.cancel} onClose={onClose}>
      <form className="retention-delete" onSubmit={(e) => void remove(e)}>
        <p>{s.dialogText}</p>
        <label>
          {s.typeTitle}
          <input value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!matches || busy}>
            {busy ? s.deleting : s.confirmDelete}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
