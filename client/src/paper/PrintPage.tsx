import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiFailure } from '../shared/api';
import { ErrorMessage } from '../shared/ErrorMessage';
import { ROLES, type Role } from '../shared/roles';
import { useUser } from '../shared/session';
import { sharedStrings } from '../shared/strings';
import { useLoad } from '../shared/useLoad';
import { fetchWaves } from '../school/api/waves';
import { printSheets, schoolsOfWave, type PrintView } from './api';
import { PrintedSheet } from './PrintedSheet';
import { paperQuestions } from './sheet-questions';
import { paperStrings as s } from './strings';

/** Chooses the wave, school, group and number of sheets, then shows the sheets ready to print, one A4 page each. */
export function PrintPage() {
  const user = useUser();
  const waves = useLoad(() => fetchWaves().then((all) => all.filter((w) => w.status !== 'closed')), 'paper-waves');
  const [waveId, setWaveId] = useState<number | null>(null);
  const wave = waveId ?? waves.data?.[0]?.id ?? null;
  const ownSchool = user.role === 'school' ? user.schoolId : null;
  const schools = useLoad(wave !== null && ownSchool === null ? () => schoolsOfWave(wave) : null, `paper-schools-${wave}`);
  const [schoolId, setSchoolId] = useState<number | null>(null);
  const school = ownSchool ?? schoolId ?? schools.data?.[0]?.id ?? null;
  const [role, setRole] = useState<Role>('parent');
  const [count, setCount] = useState(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [printed, setPrinted] = useState<PrintView | null>(null);
  const questions = useMemo(() => (printed ? paperQuestions(printed.survey) : []), [printed]);

  async function make(event: FormEvent) {
    event.preventDefault();
    if (wave === null || school === null) return;
    setBusy(true);
    setError(null);
    try {
      setPrinted(await printSheets(wave, school, { role, count }));
    } catch (e) {
      setError(e instanceof ApiFailure ? e : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (waves.error) return <ErrorMessage error={waves.error} onRetry={waves.reload} />;
  if (!waves.data) return <p className="muted">…</p>;
  return (
    <div className="paper-print">
      <section className="card no-print">
        <h1>{s.print.title}</h1>
        <p>{s.print.intro}</p>
        {waves.data.length === 0 ? (
          <p className="muted">{s.print.noWaves}</p>
        ) : (
          <form className="paper-print-form" onSubmit={(e) => void make(e)}>
            <label>
              {s.print.wave}
              <select value={wave ?? ''} onChange={(e) => setWaveId(Number(e.target.value))}>
                {waves.data.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.title}
                  </option>
                ))}
              </select>
            </label>
            {ownSchool === null && (
              <label>
                {s.print.school}
                <select value={school ?? ''} onChange={(e) => setSchoolId(Number(e.target.value))}>
                  {(schools.data ?? []).map((sc) => (
                    <option key={sc.id} value={sc.id}>
                      {sc.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {s.print.role}
              <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {sharedStrings.roles[r]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {s.print.count}
              <input type="number" min={1} max={200} value={count} onChange={(e) => setCount(Math.max(1, Math.min(200, Number(e.target.value) || 1)))} />
            </label>
            <button type="submit" className="primary" disabled={busy || school === null}>
              {busy ? s.print.making : s.print.make}
            </button>
          </form>
        )}
        {schools.error ? <ErrorMessage error={schools.error} /> : null}
        {error ? <ErrorMessage error={error} messages={s.errors} /> : null}
        {printed && (
          <p className="paper-print-actions">
            <button type="button" className="primary" onClick={() => window.print()}>
              {s.print.print}
            </button>{' '}
            <span className="muted">{s.print.printHint}</span> <Link to="/paper/entry">{s.print.enter}</Link>
          </p>
        )}
      </section>
      {printed?.sheets.map((sheet) => (
        <PrintedSheet key={sheet.id} view={printed} questions={questions} sheet={sheet} />
      ))}
    </div>
  );
}
