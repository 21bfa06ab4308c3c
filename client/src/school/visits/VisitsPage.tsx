import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import { useUser } from '../../shared/session';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { fetchProfile } from '../api/profile';
import { fetchWaves } from '../api/waves';
import { fetchSchoolProgrammes } from '../programmes/api';
import { fetchVisits } from './api';
import { PlanVisitForm } from './PlanVisitForm';
import { VisitList } from './VisitList';
import { visitStrings as s } from './strings';
import '../school.css';
import './visits.css';

/** The school's name and its priority risks of the wave: a lesson observation is noted against each. */
async function loadSchool(waveId: number, schoolId: number) {
  const [profile, programmes] = await Promise.all([fetchProfile(waveId, schoolId), fetchSchoolProgrammes(waveId, schoolId)]);
  return {
    name: profile.school.name,
    municipality: profile.school.municipality.name,
    priorities: programmes.priorities.map((p) => ({ id: p.factorId, title: p.factorTitle })),
  };
}

/** `/school/:schoolId/visits` (`/school/visits` for the team): the curator's visits, planned and made. */
export function VisitsPage() {
  const user = useUser();
  const params = useParams();
  const schoolId = params.schoolId ? Number(params.schoolId) : user.schoolId;
  const [search] = useSearchParams();
  const waves = useLoad(schoolId ? () => fetchWaves(schoolId) : null, `waves:${schoolId}`);
  const { wave } = pickWaves(waves.data, search.get('wave'));
  const school = useLoad(wave && schoolId ? () => loadSchool(wave.id, schoolId) : null, `${wave?.id}:${schoolId}`);
  const visits = useLoad(schoolId ? () => fetchVisits(schoolId) : null, String(schoolId));
  const back = `${params.schoolId ? `/school/${schoolId}` : '/school'}${wave ? `?wave=${wave.id}` : ''}`;

  if (!schoolId) return null;
  const error = visits.error ?? school.error;
  const timeZone = wave?.timeZone ?? DEFAULT_TIME_ZONE;
  const priorities = school.data?.priorities ?? [];
  const all = visits.data?.visits ?? [];

  return (
    <div className="vs-page" data-testid="visits">
      <Link className="sc-back no-print" to={back}>
        {s.backToSchool}
      </Link>
      <header>
        <p className="sc-eyebrow">{s.title}</p>
        <h1>{school.data?.name ?? '…'}</h1>
        {school.data && <p className="muted">{school.data.municipality}</p>}
        <p className="muted">{s.intro}</p>
      </header>
      {error ? (
        <ErrorMessage error={error} messages={s.errors} onRetry={visits.reload} />
      ) : !visits.data ? (
        <p className="muted">{s.loading}</p>
      ) : (
        <>
          {visits.data.mayPlan && <PlanVisitForm schoolId={schoolId} onPlanned={visits.reload} />}
          <VisitList
            title={s.planned}
            empty={s.noPlanned}
            visits={all.filter((v) => v.madeOn === null)}
            priorities={priorities}
            timeZone={timeZone}
            onChanged={visits.reload}
          />
          <VisitList
            title={s.made}
            empty={s.noMade}
            visits={all.filter((v) => v.madeOn !== null)}
            priorities={priorities}
            timeZone={timeZone}
            onChanged={visits.reload}
          />
        </>
      )}
    </div>
  );
}
