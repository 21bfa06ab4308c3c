import { Link } from 'react-router';
import { ErrorMessage } from '../shared/ErrorMessage';
import { calendarDay } from '../shared/format';
import { useLoad } from '../shared/useLoad';
import type { WaveView } from '../school/api/waves';
import { fetchSchoolProgrammes } from '../school/programmes/api';
import { StateBadge } from '../school/programmes/StateBadge';
import { fetchVisits } from '../school/visits/api';
import type { ParticipationReport } from './api';
import { curatorStrings as s } from './strings';

interface Props {
  wave: WaveView;
  school: ParticipationReport['schools'][number];
  municipality: string;
}

async function loadSchool(waveId: number, schoolId: number) {
  const [programmes, visits] = await Promise.all([fetchSchoolProgrammes(waveId, schoolId), fetchVisits(schoolId)]);
  const planned = visits.visits.filter((v) => v.madeOn === null);
  // The list comes latest first: the last planned one is the nearest.
  return { programmes: programmes.priorities, planned: planned.length, made: visits.visits.length - planned.length, next: planned.at(-1)?.plannedOn ?? null };
}

/** One assigned school: its programmes of the wave and their states, its visits, and the ways into its pages. */
export function CuratorSchoolCard({ wave, school, municipality }: Props) {
  const data = useLoad(() => loadSchool(wave.id, school.id), `${wave.id}:${school.id}`);
  const query = `?wave=${wave.id}`;
  return (
    <li className="card cu-school" data-testid="curator-school">
      <h2>
        <Link to={`/school/${school.id}${query}`}>{school.name}</Link>
      </h2>
      <p className="muted sc-small">
        {municipality} · {s.code(school.code)}
      </p>
      {data.error ? (
        <ErrorMessage error={data.error} messages={s.errors} onRetry={data.reload} />
      ) : !data.data ? (
        <p className="muted">{s.loading}</p>
      ) : (
        <>
          <h3>{s.programmes}</h3>
          {data.data.programmes.length === 0 ? (
            <p className="muted">{s.noPriorities}</p>
          ) : (
            <ul className="cu-programmes">
              {data.data.programmes.map((p) => (
                <li key={p.factorId}>
                  <span className="cu-factor">
                    {p.factorId}. {p.factorTitle}
                  </span>
                  {p.state && p.programmeId !== null ? (
                    <>
                      <StateBadge state={p.state} />
                      <Link to={`/school/programmes/${p.programmeId}`} aria-label={`${s.openProgramme}: ${p.factorTitle}`}>
                        {s.openProgramme}
                      </Link>
                    </>
                  ) : (
                    <span className="muted sc-small">{s.notCreated}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="sc-small">
            {s.visits(data.data.planned, data.data.made)}
            {data.data.next && <span className="muted"> · {s.nextVisit(calendarDay(data.data.next))}</span>}
          </p>
        </>
      )}
      <div className="toolbar cu-links">
        <Link className="sc-button" to={`/school/${school.id}${query}`}>
          {s.profile}
        </Link>
        <Link className="sc-button" to={`/school/${school.id}/visits${query}`}>
          {s.visitsLink}
        </Link>
      </div>
    </li>
  );
}
