import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { date, lastDayOf, period, ratePercent } from '../../shared/format';
import { ROLES } from '../../shared/roles';
import { useUser } from '../../shared/session';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { fetchComparisons } from '../api/comparisons';
import { fetchExplanations } from '../api/explanation';
import { fetchPriorities } from '../api/priorities';
import { fetchProfile } from '../api/profile';
import { fetchTrend } from '../api/trend';
import { fetchWaves } from '../api/waves';
import { ComparisonsTable } from '../comparisons/ComparisonsTable';
import { ContextSection } from '../context/ContextSection';
import { comparisonStrings } from '../comparisons/strings';
import { DynamicsSection } from '../dynamics/DynamicsSection';
import { ExplanationView } from '../explanation/ExplanationView';
import { needed } from '../needed';
import { ProfileChart } from '../profile/ProfileChart';
import { ProfileTable } from '../profile/ProfileTable';
import { Withheld } from '../profile/Withheld';
import { schoolStrings as s } from '../strings';
import { trendStrings } from '../trend/strings';
import { TrendTable } from '../trend/TrendTable';
import '../trend/trend.css';
import '../school.css';

const t = s.report;
/** The printable width of an A4 page with 12 mm margins, in CSS pixels. */
const REPORT_CHART_WIDTH = 680;

/**
 * Everything about one school and wave on paper: the profile, how it stands among other schools, every factor's
 * explanation.
 */
async function loadReport(waveId: number, schoolId: number) {
  const [profile, priorities] = await Promise.all([fetchProfile(waveId, schoolId), fetchPriorities(waveId, schoolId)]);
  // An open wave's figures are withheld: there is nothing to compare or explain until it closes.
  if (profile.releasesAt !== null) return { profile, priorities, explanations: [], comparisons: null, trend: null };
  const [explanations, comparisons, trend] = await Promise.all([fetchExplanations(waveId, schoolId), fetchComparisons(waveId, schoolId), fetchTrend(schoolId)]);
  return { profile, priorities, explanations: explanations.factors, comparisons, trend };
}

/** A CSS string literal of `text`. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, ' ')}"`;

/**
 * The foot of every printed page: the school and wave on the left, «Страница N из M» on the right. Written here rather
 * than in the stylesheet so that its words stay with the screen's other strings.
 */
function PageFooter({ school, wave }: { school: string; wave: string }) {
  const [page, of] = t.pageOf;
  const rules = `@page sc-report {
  @bottom-left { content: ${cssString(`${school} · ${wave}`)}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${cssString(`${page} `)} counter(page) ${cssString(` ${of} `)} counter(pages); font-size: 8pt; color: #555; }
}`;
  return <style>{rules}</style>;
}

export function ReportPage() {
  const user = useUser();
  const params = useParams();
  const schoolId = params.schoolId ? Number(params.schoolId) : user.schoolId;
  const [search, setSearch] = useSearchParams();
  const waves = useLoad(schoolId ? () => fetchWaves(schoolId) : null, `waves:${schoolId}`);
  const { wave, earlier } = pickWaves(waves.data, search.get('wave'));
  const compareParam = search.get('compare');
  const compareWith = compareParam === 'none' ? null : compareParam ? Number(compareParam) : (earlier[0]?.id ?? null);
  const report = useLoad(wave && schoolId ? () => loadReport(wave.id, schoolId) : null, `${wave?.id}:${schoolId}`);
  const back = `${params.schoolId ? `/school/${schoolId}` : '/school'}?wave=${wave?.id ?? ''}`;

  if (!schoolId) return <p className="muted">{s.noSchool}</p>;
  const error = waves.error ?? report.error;
  if (error) return <ErrorMessage error={error} messages={s.errors} />;
  if (!report.data || !wave) return <p className="muted">{s.loading}</p>;
  const { profile, priorities, explanations, comparisons, trend } = report.data;
  const titles = new Map(profile.factors.map((f) => [f.id, f.title]));

  return (
    <article className="sc-report" data-testid="report">
      <PageFooter school={profile.school.name} wave={profile.wave.title} />
      <div className="toolbar no-print">
        <Link to={back}>{t.back}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.printNow}
        </button>
      </div>
      <header className="sc-report-head">
        <h1>{t.title}</h1>
        <dl className="sc-report-facts">
          <div>
            <dt>{t.school}</dt>
            <dd>{profile.school.name}</dd>
          </div>
          <div>
            <dt>{t.code}</dt>
            <dd>{profile.school.code}</dd>
          </div>
          <div>
            <dt>{t.municipality}</dt>
            <dd>{profile.school.municipality.name}</dd>
          </div>
          <div>
            <dt>{t.wave}</dt>
            <dd>{profile.wave.title}</dd>
          </div>
          <div>
            <dt>{t.period}</dt>
            <dd>{period(profile.wave.opensAt, lastDayOf(profile.wave.closesAt).toISOString(), profile.wave.timeZone)}</dd>
          </div>
          <div>
            <dt>{t.model}</dt>
            <dd>{profile.model.title}</dd>
          </div>
          <div>
            <dt>{t.date}</dt>
            <dd>{date(new Date(), profile.wave.timeZone)}</dd>
          </div>
        </dl>
      </header>

      <section className="sc-report-section">
        <h2>{t.participation}</h2>
        <div className="table-scroll" role="region" tabIndex={0} aria-label={t.participation}>
          <table className="sc-compact">
            <tbody>
              {ROLES.map((role) => {
                const r = profile.roles[role];
                const short = needed(profile.wave.target, r.expected, r.responses);
                return (
                  <tr key={role}>
                    <td>{sharedStrings.roles[role]}</td>
                    <td className="num">{r.expected === 0 ? s.participation.nobodyExpected : s.participation.of(r.responses, r.expected)}</td>
                    <td className="num">{r.rate === null ? '' : ratePercent(r.rate)}</td>
                    <td>{r.expected === 0 ? '' : short === 0 ? s.participation.atTarget : s.participation.missing(short)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {profile.releasesAt !== null ? (
        <Withheld releasesAt={profile.releasesAt} timeZone={profile.wave.timeZone} />
      ) : (
        <>
          <section className="sc-report-section">
            <h2>{t.profile}</h2>
            <div className="sc-report-chart-scroll" role="region" tabIndex={0} aria-label={t.profile}>
              <ProfileChart
                factors={profile.factors}
                priorities={priorities.factorIds}
                waveTitle={profile.wave.title}
                selected={null}
                onSelect={() => undefined}
                fixedWidth={REPORT_CHART_WIDTH}
              />
            </div>
            <ProfileTable factors={profile.factors} priorities={priorities.factorIds} />
          </section>

          <section className="sc-report-section">
            <h2>{t.priorities}</h2>
            {priorities.factorIds.length === 0 ? (
              <p>{s.priorities.none}</p>
            ) : (
              <ol>
                {priorities.factorIds.map((id) => (
                  <li key={id}>
                    {id}. {titles.get(id) ?? id}
                  </li>
                ))}
              </ol>
            )}
          </section>

          {comparisons && (
            <section className="sc-report-section sc-report-comparisons">
              <h2>{comparisonStrings.title}</h2>
              <ComparisonsTable data={comparisons} />
            </section>
          )}

          <div className="sc-report-section sc-report-context">
            <ContextSection schoolId={schoolId} />
          </div>

          <div className="sc-report-section sc-report-dynamics">
            <DynamicsSection
              schoolId={schoolId}
              wave={wave}
              earlierWaves={earlier}
              compareWith={compareWith}
              onCompareWith={(id) =>
                setSearch(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('compare', id === null ? 'none' : String(id));
                    return next;
                  },
                  { replace: true },
                )
              }
            />
          </div>

          {trend && trend.waves.length > 1 && (
            <section className="sc-report-section sc-report-trend">
              <h2>{trendStrings.title}</h2>
              <TrendTable trend={trend} />
            </section>
          )}

          <section className="sc-report-section sc-report-explanations">
            <h2>{t.explanations}</h2>
            {explanations.map((e) => (
              <div key={e.factor.id} className="sc-report-factor">
                <ExplanationView explanation={e} priority={priorities.factorIds.includes(e.factor.id)} />
              </div>
            ))}
          </section>
        </>
      )}
      <p className="muted sc-small">{t.footer}</p>
    </article>
  );
}
