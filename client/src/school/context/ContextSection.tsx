import { ErrorMessage } from '../../shared/ErrorMessage';
import { number } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { fetchSchoolContext, type SchoolContext } from './api';
import { contextStrings as s } from './strings';
import './context.css';

/** Whether a rise is good (a mean score, the social index) or bad (the share of «2»); the arrow's colour says which. */
type Sense = 'higher-better' | 'higher-worse' | 'neutral';

function Change({ value, from, unit = '', sense }: { value: number | null; from: number | null; unit?: string; sense: Sense }) {
  if (value === null || from === null) return null;
  const tone = value === 0 || sense === 'neutral' ? 'same' : value > 0 === (sense === 'higher-better') ? 'better' : 'worse';
  return (
    <span className={`ctx-change ctx-${tone}`} title={s.changeLabel(value, from)}>
      {s.change(value, unit)}
    </span>
  );
}

function Latest({ context }: { context: SchoolContext }) {
  const latest = context.years.at(-1);
  if (!latest) return null;
  return (
    <div className="ctx-latest">
      <p className="ctx-year">{s.year(latest.year)}</p>
      <dl className="ctx-figures">
        <div>
          <dt>{s.socialIndex}</dt>
          <dd>
            {latest.socialIndex === null ? s.unknown : number(latest.socialIndex)}{' '}
            <Change value={latest.change.socialIndex} from={latest.previousYear} sense="higher-better" />
          </dd>
        </div>
        <div>
          <dt>{s.settlement}</dt>
          <dd>{latest.settlement ? s.settlements[latest.settlement] : s.unknown}</dd>
        </div>
        <div>
          <dt>{s.students}</dt>
          <dd>
            {latest.students === null ? s.unknown : number(latest.students)}{' '}
            <Change value={latest.change.students} from={latest.previousYear} sense="neutral" />
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Each procedure, subject and grade in its latest year, with the change from the year before. */
function Results({ context }: { context: SchoolContext }) {
  if (context.results.length === 0) return <p className="muted">{s.noResults}</p>;
  return (
    <div className="ctx-table-wrap">
      <table className="ctx-results">
        <thead>
          <tr>
            <th>{s.assessment}</th>
            <th className="num">{s.meanScore}</th>
            <th className="num">{s.share2}</th>
            <th className="num ctx-wide">{s.participants}</th>
          </tr>
        </thead>
        <tbody>
          {context.results.map((series) => {
            const latest = series.years.at(-1)!;
            return (
              <tr key={`${series.procedure}|${series.subject}|${series.grade}`}>
                <th scope="row">
                  {s.series(series)}
                  <span className="muted ctx-when">
                    {latest.year}
                    {latest.previousYear !== null && ` ${s.from(latest.previousYear)}`}
                  </span>
                </th>
                <td className="num">
                  {latest.meanScore === null ? s.unknown : number(latest.meanScore)}
                  <Change value={latest.change.meanScore} from={latest.previousYear} sense="higher-better" />
                </td>
                <td className="num">
                  {latest.share2 === null ? s.unknown : s.percent(latest.share2)}
                  <Change value={latest.change.share2} from={latest.previousYear} sense="higher-worse" />
                </td>
                <td className="num ctx-wide">
                  {latest.participants === null ? s.unknown : number(latest.participants)}
                  <Change value={latest.change.participants} from={latest.previousYear} sense="neutral" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What else is known about the school, beside its profile: the latest year's figures and results, each with its change. */
export function ContextSection({ schoolId }: { schoolId: number }) {
  const context = useLoad(() => fetchSchoolContext(schoolId), String(schoolId));
  return (
    <section className="card ctx-section" aria-labelledby="context-title">
      <h2 id="context-title">{s.title}</h2>
      {context.error ? (
        <ErrorMessage error={context.error} messages={s.errors} onRetry={context.reload} />
      ) : !context.data ? (
        <p className="muted">{s.loading}</p>
      ) : context.data.years.length === 0 && context.data.results.length === 0 ? (
        <p className="muted">{s.empty}</p>
      ) : (
        <>
          <p className="muted sc-small">{s.intro}</p>
          <Latest context={context.data} />
          <h3>{s.results}</h3>
          <Results context={context.data} />
        </>
      )}
    </section>
  );
}
