import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useUser } from '../shared/session';
import { useLoad } from '../shared/useLoad';
import { pickWaves } from '../shared/waves';
import { compareSchoolNames } from '../shared/school-names';
import { fetchWaves } from '../school/api/waves';
import { fetchWaveSchools } from './api';
import { CuratorSchoolCard } from './CuratorSchoolCard';
import { curatorStrings as s } from './strings';
import '../school/school.css';
import '../school/programmes/programmes.css';
import './curator.css';

/** The curator's landing page: every school assigned to it, with the wave's programmes and the visits. */
export function CuratorSchoolsPage() {
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const waves = useLoad(() => fetchWaves(), 'waves');
  const { latestFirst, wave } = pickWaves(waves.data, search.get('wave'));
  const report = useLoad(wave ? () => fetchWaveSchools(wave.id) : null, String(wave?.id));
  const assigned = user.curatedSchoolIds?.length ?? 0;

  const header = (
    <header className="cu-head">
      <div>
        <p className="sc-eyebrow">{s.eyebrow}</p>
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
      </div>
      {latestFirst.length > 0 && (
        <label className="cu-wave">
          {s.wave}
          <select value={wave?.id ?? ''} onChange={(e) => setSearch({ wave: e.target.value }, { replace: true })}>
            {latestFirst.map((w) => (
              <option key={w.id} value={w.id}>
                {w.title} ({s.waveStatus[w.status]})
              </option>
            ))}
          </select>
        </label>
      )}
    </header>
  );

  const error = waves.error ?? report.error;
  let body;
  if (assigned === 0) body = <p>{s.noSchools}</p>;
  else if (error) body = <ErrorMessage error={error} messages={s.errors} onRetry={report.error ? report.reload : waves.reload} />;
  else if (waves.data && !wave) body = <p className="muted">{s.noWaves}</p>;
  else if (!report.data || !wave) body = <p className="muted">{s.loading}</p>;
  else {
    const municipalities = new Map(report.data.municipalities.map((m) => [m.id, m.name]));
    const schools = [...report.data.schools].sort((a, b) => compareSchoolNames(a.name, b.name));
    body = (
      <>
        <ul className="cu-schools">
          {schools.map((school) => (
            <CuratorSchoolCard key={school.id} wave={wave} school={school} municipality={municipalities.get(school.municipalityId) ?? ''} />
          ))}
        </ul>
        {assigned > schools.length && <p className="muted sc-small">{s.notInWave(assigned - schools.length)}</p>}
      </>
    );
  }

  return (
    <div className="cu-page" data-testid="curator-schools">
      {header}
      {body}
    </div>
  );
}
