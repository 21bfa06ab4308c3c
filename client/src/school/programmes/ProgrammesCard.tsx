import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useLoad } from '../../shared/useLoad';
import { createProgramme, fetchSchoolProgrammes } from './api';
import { StateBadge } from './StateBadge';
import { programmeStrings as s } from './strings';
import './programmes.css';

interface Props {
  waveId: number;
  schoolId: number;
  /** The school's priorities now: a programme of a factor no longer among them stays listed, marked so. */
  priorityIds: string[];
}

/** One programme per priority risk: open it, or (the school's team) start it. */
export function ProgrammesCard({ waveId, schoolId, priorityIds }: Props) {
  const navigate = useNavigate();
  const programmes = useLoad(() => fetchSchoolProgrammes(waveId, schoolId), `${waveId}:${schoolId}:${priorityIds.join(',')}`);
  const [creating, setCreating] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function create(factorId: string) {
    setCreating(factorId);
    setError(null);
    try {
      const programme = await createProgramme(waveId, schoolId, factorId);
      navigate(`/school/programmes/${programme.id}`);
    } catch (e) {
      setError(e);
      setCreating(null);
    }
  }

  const list = programmes.data?.priorities ?? [];
  const mayCreate = programmes.data?.mayCreate ?? false;
  return (
    <section className="card no-print" aria-labelledby="programmes-title" data-testid="programmes">
      <h2 id="programmes-title">{s.list.title}</h2>
      <p className="muted">{s.list.intro}</p>
      {programmes.error ? (
        <ErrorMessage error={programmes.error} messages={s.errors} onRetry={programmes.reload} />
      ) : !programmes.data ? (
        <p className="muted">{s.loading}</p>
      ) : list.length === 0 ? (
        <p>{s.list.none}</p>
      ) : (
        <ul className="pg-list">
          {list.map((p) => (
            <li key={p.factorId}>
              <span className="pg-list-factor">
                <span className="sc-factor-id">{p.factorId}.</span> {p.factorTitle}
                {!priorityIds.includes(p.factorId) && <span className="muted sc-small"> ({s.list.notPriority})</span>}
              </span>
              {p.state ? <StateBadge state={p.state} /> : <span className="muted sc-small">{s.list.notCreated}</span>}
              {p.programmeId !== null ? (
                <Link className="sc-button" to={`/school/programmes/${p.programmeId}`} aria-label={`${s.list.open}: ${p.factorTitle}`}>
                  {s.list.open}
                </Link>
              ) : (
                mayCreate && (
                  <button type="button" className="primary" disabled={creating !== null} onClick={() => void create(p.factorId)}>
                    {creating === p.factorId ? s.list.creating : s.list.create}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorMessage error={error} messages={s.errors} />}
    </section>
  );
}
