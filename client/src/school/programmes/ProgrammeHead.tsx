import { Link } from 'react-router';
import { calendarDay } from '../../shared/format';
import { documentUrl, type Programme } from './api';
import { StateBadge } from './StateBadge';
import { programmeStrings as s } from './strings';

interface Props {
  programme: Programme;
  /** The school's page the programme belongs to: the team's own, or the school a reviewer opened. */
  backTo: string;
}

/** The programme's title block, the same on screen and on paper, with the tools to file it. */
export function ProgrammeHead({ programme: p, backTo }: Props) {
  return (
    <header className="pg-head">
      <div className="toolbar no-print">
        <Link className="sc-back" to={backTo}>
          {s.page.backToSchool}
        </Link>
        <span className="pg-tools">
          <a className="sc-button" href={documentUrl(p.id)} download>
            {s.page.docx}
          </a>
          <button type="button" onClick={() => window.print()}>
            {s.page.print}
          </button>
        </span>
      </div>
      <p className="sc-eyebrow">{s.page.eyebrow}</p>
      <h1>
        {p.factor.id}. {p.factor.title}
      </h1>
      <dl className="pg-facts">
        <div>
          <dt>{s.page.school}</dt>
          <dd>{p.school.name}</dd>
        </div>
        <div>
          <dt>{s.page.municipality}</dt>
          <dd>{p.school.municipality}</dd>
        </div>
        <div>
          <dt>{s.page.wave}</dt>
          <dd>{p.waveTitle}</dd>
        </div>
        <div>
          <dt>{s.page.period}</dt>
          <dd>{p.period ? `${calendarDay(p.period.from)} — ${calendarDay(p.period.to)}` : <span className="muted">{s.page.noPeriod}</span>}</dd>
        </div>
        <div>
          <dt>{s.page.state}</dt>
          <dd data-testid="programme-state">
            <StateBadge state={p.state} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
