import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useUser } from '../../shared/session';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { fetchPriorities } from '../api/priorities';
import { fetchProfile } from '../api/profile';
import { fetchWaves } from '../api/waves';
import { ComparisonsSection } from '../comparisons/ComparisonsSection';
import { DynamicsSection } from '../dynamics/DynamicsSection';
import { ContextSection } from '../context/ContextSection';
import { ExplanationPanel } from '../explanation/ExplanationPanel';
import { PrioritiesCard } from '../priorities/PrioritiesCard';
import { ProgrammesCard } from '../programmes/ProgrammesCard';
import { schoolStrings as s } from '../strings';
import { TrendSection } from '../trend/TrendSection';
import { LevelBadge } from './LevelBadge';
import { ParticipationSummary } from './ParticipationSummary';
import { RefusalsForm } from './RefusalsForm';
import { ProfileChart } from './ProfileChart';
import { ProfileTable } from './ProfileTable';
import { BorderlineMark } from './Uncertainty';
import { Withheld } from './Withheld';
import '../school.css';

/** A school's page: who took part, its risk profile, why each factor is what it is, its priorities and its change. */
export function SchoolPage() {
  const user = useUser();
  const params = useParams();
  const schoolId = params.schoolId ? Number(params.schoolId) : user.schoolId;
  const [search, setSearch] = useSearchParams();
  const waves = useLoad(schoolId ? () => fetchWaves(schoolId) : null, `waves:${schoolId}`);
  const { latestFirst, wave, earlier } = pickWaves(waves.data, search.get('wave'));

  const key = `${wave?.id}:${schoolId}`;
  const ready = wave && schoolId ? { waveId: wave.id, schoolId } : null;
  const profile = useLoad(ready && (() => fetchProfile(ready.waveId, ready.schoolId)), key);
  const priorities = useLoad(ready && (() => fetchPriorities(ready.waveId, ready.schoolId)), key);

  const update = (changes: Record<string, string | null>) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  if (!schoolId) return <p className="muted">{s.noSchool}</p>;
  if (waves.error) return <ErrorMessage error={waves.error} messages={s.errors} onRetry={waves.reload} />;
  if (waves.data && !wave) return <p className="muted">{s.noWaves}</p>;

  const view = search.get('view') === 'table' ? 'table' : 'chart';
  const factorId = search.get('factor');
  const compareParam = search.get('compare');
  const compareWith = compareParam === 'none' ? null : compareParam ? Number(compareParam) : (earlier[0]?.id ?? null);
  const chosen = priorities.data?.factorIds ?? [];
  const p = profile.data;
  const base = params.schoolId ? `/school/${schoolId}` : '/school';
  const reportPath = `${base}/report?wave=${wave?.id ?? ''}`;
  // Where the school was opened from: a curator's own list, a coordinator's region; a team has nowhere to go back to.
  const back =
    user.role === 'curator'
      ? { to: '/curator', label: s.backToCurator }
      : user.role === 'school'
        ? null
        : { to: '/coordinator/profiles', label: s.backToRegion };

  return (
    <div className="sc-school-page">
      {back && (
        <Link className="sc-back no-print" to={`${back.to}${wave ? `?wave=${wave.id}` : ''}`}>
          {back.label}
        </Link>
      )}
      <header className="sc-school-head">
        <div>
          <p className="sc-eyebrow">{s.title}</p>
          <h1>{p?.school.name ?? '…'}</h1>
          {p && (
            <p className="muted">
              {p.school.municipality.name} · {s.report.code} {p.school.code}
            </p>
          )}
        </div>
        <div className="toolbar sc-head-tools">
          <label className="sc-inline-field">
            {s.wave}
            <select value={wave?.id ?? ''} onChange={(e) => update({ wave: e.target.value, factor: null, compare: null })}>
              {latestFirst.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title} ({s.waveStatus[w.status]})
                </option>
              ))}
            </select>
          </label>
          <Link className="sc-button" to={`${base}/visits?wave=${wave?.id ?? ''}`}>
            {s.visits}
          </Link>
          <Link className="sc-button" to={reportPath}>
            {s.print}
          </Link>
          <Link className="sc-button" to={`${base}/notice?wave=${wave?.id ?? ''}`}>
            {s.notice}
          </Link>
        </div>
      </header>

      {profile.error ? (
        <ErrorMessage error={profile.error} messages={s.errors} onRetry={profile.reload} />
      ) : !p || !wave ? (
        <p className="muted">{s.loading}</p>
      ) : p.releasesAt !== null ? (
        <>
          <ParticipationSummary profile={p} />
          {user.role !== 'curator' && <RefusalsForm profile={p} onSaved={profile.reload} />}
          <Withheld releasesAt={p.releasesAt} timeZone={p.wave.timeZone} />
          <ContextSection schoolId={schoolId} />
        </>
      ) : (
        <>
          <ParticipationSummary profile={p} />
          {user.role !== 'curator' && <RefusalsForm profile={p} onSaved={profile.reload} />}

          <section className="card" aria-labelledby="profile-title">
            <div className="sc-panel-head">
              <h2 id="profile-title">{s.profile.title}</h2>
              <div className="sc-segmented" role="group" aria-label={s.profile.title}>
                <button type="button" aria-pressed={view === 'chart'} onClick={() => update({ view: null })}>
                  {s.profile.chart}
                </button>
                <button type="button" aria-pressed={view === 'table'} onClick={() => update({ view: 'table' })}>
                  {s.profile.table}
                </button>
              </div>
            </div>
            <p className="muted">
              {s.profile.intro} {s.profile.uncertaintyNote}
            </p>
            <p className="sc-small">
              {s.profile.counts(
                p.factors.filter((f) => f.level === 'high').length,
                p.factors.filter((f) => f.level === 'medium').length,
                p.factors.filter((f) => f.level === 'insufficient').length,
              )}
            </p>
            {view === 'chart' ? (
              <>
                <ProfileChart factors={p.factors} priorities={chosen} waveTitle={wave.title} selected={factorId} onSelect={(id) => update({ factor: id })} />
                <LevelLegend />
                <div className="sc-factor-links">
                  <span className="muted sc-small">{s.profile.openExplanation}</span>
                  {p.factors.map((f) => (
                    <button
                      key={f.id}
                      type="button"
                      className={`sc-chip sc-chip-${f.level}`}
                      aria-pressed={f.id === factorId}
                      aria-label={`${s.profile.why} ${f.id}. ${f.title}`}
                      onClick={() => update({ factor: f.id })}
                    >
                      {f.id}
                    </button>
                  ))}
                </div>
                <ul className="sc-factor-list">
                  {p.factors.map((f) => (
                    <li key={f.id}>
                      <button type="button" aria-pressed={f.id === factorId} onClick={() => update({ factor: f.id })}>
                        <span className="sc-factor-id">
                          {chosen.includes(f.id) ? '★ ' : ''}
                          {f.id}.
                        </span>
                        <span className="sc-factor-title">{f.title}</span>
                        <LevelBadge level={f.level} />
                        <BorderlineMark borderline={f.borderline} />
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <ProfileTable factors={p.factors} priorities={chosen} selected={factorId} onSelect={(id) => update({ factor: id })} />
            )}
          </section>

          {factorId && p.factors.some((f) => f.id === factorId) && (
            <ExplanationPanel
              waveId={wave.id}
              schoolId={schoolId}
              factorId={factorId}
              priority={chosen.includes(factorId)}
              onClose={() => update({ factor: null })}
            />
          )}

          <ComparisonsSection waveId={wave.id} schoolId={schoolId} />

          <ContextSection schoolId={schoolId} />

          {priorities.data && (
            <PrioritiesCard
              waveId={wave.id}
              timeZone={wave.timeZone}
              schoolId={schoolId}
              factors={p.factors}
              priorities={priorities.data}
              onSaved={priorities.reload}
            />
          )}

          {priorities.data && <ProgrammesCard waveId={wave.id} schoolId={schoolId} priorityIds={priorities.data.factorIds} />}

          <DynamicsSection
            schoolId={schoolId}
            wave={wave}
            earlierWaves={earlier}
            compareWith={compareWith}
            onCompareWith={(id) => update({ compare: id === null ? 'none' : String(id) })}
          />
        </>
      )}

      {/* Past waves stay worth reading while the chosen one is withheld; an error of the page is said once, above. */}
      {p && <TrendSection schoolId={schoolId} />}
    </div>
  );
}

function LevelLegend() {
  return (
    <ul className="sc-legend" aria-label={s.profile.legend}>
      {(['low', 'medium', 'high', 'insufficient'] as const).map((level) => (
        <li key={level}>
          <span className={`sc-swatch sc-swatch-${level}`} aria-hidden="true" />
          {s.levels[level]}
        </li>
      ))}
    </ul>
  );
}
