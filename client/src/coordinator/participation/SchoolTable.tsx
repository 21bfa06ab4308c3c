import { useEffect, useMemo, useRef, useState } from 'react';
import { number, ratePercent } from '../../shared/format';
import { compareSchoolNames } from '../../shared/school-names';
import { sharedStrings } from '../../shared/strings';
import { ROLES, type ParticipationReport, type Role, type SchoolRow } from './api';
import { rateTone } from './colors';
import { worstRate } from './Summaries';
import { countFlags, matchesFilter, type FlagFilter } from './flags';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation.schools;
const PAGE_SIZE = 50;

type SortKey = 'default' | 'name' | 'needed' | 'rate' | Role;

const totalResponses = (school: SchoolRow) => ROLES.reduce((sum, role) => sum + school.roles[role].responses, 0);

function compare(key: SortKey, a: SchoolRow, b: SchoolRow): number {
  switch (key) {
    case 'default':
      return 0;
    case 'name':
      return compareSchoolNames(a.name, b.name);
    case 'needed':
      return a.needed - b.needed;
    case 'rate':
      return (worstRate(a) ?? Infinity) - (worstRate(b) ?? Infinity);
    default:
      return (a.roles[key].rate ?? Infinity) - (b.roles[key].rate ?? Infinity);
  }
}

/** Schools whose answers just grew, lit for a moment so a live change catches the eye. */
function useJustChanged(schools: SchoolRow[]): Set<number> {
  const previous = useRef<Map<number, number> | null>(null);
  const [changed, setChanged] = useState<Set<number>>(new Set());
  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(schools.map((school) => [school.id, totalResponses(school)]));
    if (!before) return;
    const grown = new Set(schools.filter((school) => (before.get(school.id) ?? 0) < totalResponses(school)).map((school) => school.id));
    if (grown.size === 0) return;
    setChanged(grown);
    const timer = setTimeout(() => setChanged(new Set()), 2500);
    return () => clearTimeout(timer);
  }, [schools]);
  return changed;
}

interface SchoolTableProps {
  report: ParticipationReport;
  municipalityId: number | null;
  onMunicipality(id: number | null): void;
  /** The other filters, kept by the page: its export takes the same ones. */
  filter: TableFilter;
  onFilter(change: Partial<TableFilter>): void;
  /** Opens the ready reminder for a lagging school; absent for accounts that may not see links. */
  onRemind?(school: SchoolRow): void;
  /** Opens a school's marked answers and the decision on them. */
  onMarks?(school: SchoolRow): void;
}

export interface TableFilter {
  search: string;
  lagging: boolean;
  flag: FlagFilter;
}

export function SchoolTable({ report, municipalityId, onMunicipality, filter, onFilter, onRemind, onMarks }: SchoolTableProps) {
  const { search: query, lagging: onlyLagging, flag } = filter;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'default', descending: false });
  // The page belongs to the filters it was turned under: any other filter starts at the first page.
  const filters = JSON.stringify([municipalityId, onlyLagging, flag, query, sort]);
  const [paging, setPaging] = useState({ filters, page: 0 });
  const page = paging.filters === filters ? paging.page : 0;
  const setPage = (next: number) => setPaging({ filters, page: next });
  const justChanged = useJustChanged(report.schools);

  const municipalityName = useMemo(() => new Map(report.municipalities.map((m) => [m.id, m.name])), [report.municipalities]);
  const flagCounts = useMemo(() => countFlags(report.schools), [report.schools]);

  const rows = useMemo(() => {
    const shown = report.schools.filter((school) => matchesFilter(school, { municipalityId, search: query, lagging: onlyLagging, flag }));
    // The server's order puts lagging schools first, the most missing first; other orders keep it for ties.
    if (sort.key === 'default') return shown;
    const direction = sort.descending ? -1 : 1;
    return [...shown].sort((a, b) => direction * compare(sort.key, a, b));
  }, [report.schools, municipalityId, onlyLagging, flag, query, sort]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);

  // Rates start lowest first and "missing" most first: either way the schools to act on come first.
  const sortBy = (key: SortKey) => setSort((was) => (was.key === key ? { key, descending: !was.descending } : { key, descending: key === 'needed' }));
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="pt-sort" title={s.sortBy(label)} onClick={() => sortBy(key)}>
          {label}
          <span aria-hidden="true" className="pt-sort-mark">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };
  const { target } = report.wave;

  return (
    <section className="pt-schools" aria-labelledby="pt-schools-title">
      <h2 id="pt-schools-title">{s.title}</h2>
      <div className="toolbar pt-filters">
        <input
          type="search"
          className="pt-search"
          placeholder={s.search}
          aria-label={s.search}
          value={query}
          onChange={(e) => onFilter({ search: e.target.value })}
        />
        {report.municipalities.length > 1 && (
          <select aria-label={s.municipality} value={municipalityId ?? ''} onChange={(e) => onMunicipality(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{s.allMunicipalities}</option>
            {report.municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
        <select aria-label={s.flag} value={flag} onChange={(e) => onFilter({ flag: e.target.value as FlagFilter })}>
          <option value="any">{s.flagNone}</option>
          <option value="over">
            {s.flagOver} ({flagCounts.over})
          </option>
          <option value="noPrincipal">
            {s.flagNoPrincipal} ({flagCounts.noPrincipal})
          </option>
          <option value="marked">
            {s.flagMarked} ({flagCounts.marked})
          </option>
        </select>
        <label className="pt-check">
          <input type="checkbox" checked={onlyLagging} onChange={(e) => onFilter({ lagging: e.target.checked })} />
          {s.onlyLagging}
        </label>
        <span className="muted pt-count" aria-live="polite">
          {s.count(rows.length, report.schools.length)}
        </span>
      </div>

      <div className="pt-table-wrap" role="region" tabIndex={0} aria-label={s.title}>
        <table className="pt-table pt-school-table" data-testid="schools">
          <thead>
            <tr>
              {header('name', s.school)}
              {ROLES.map((role) => header(role, sharedStrings.rolesShort[role], 'num'))}
              {header('needed', s.needed, 'num')}
              <th>{s.flags}</th>
              {onRemind && (
                <th>
                  <span className="pt-visually-hidden">{s.actions}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((school) => (
              <tr
                key={school.id}
                data-school-id={school.id}
                className={`${school.meetsTarget ? '' : 'pt-lagging'} ${justChanged.has(school.id) ? 'pt-flash' : ''}`}
              >
                <td className="pt-school">
                  <strong>{school.name}</strong>
                  <span className="muted">
                    {school.code} · {municipalityName.get(school.municipalityId)}
                  </span>
                </td>
                {ROLES.map((role) => {
                  const r = school.roles[role];
                  return (
                    <td key={role} className="num pt-role" data-label={sharedStrings.rolesShort[role]} data-role={role}>
                      {r.expected === 0 && r.responses === 0 ? (
                        <span className="muted pt-none">{s.nobodyExpected}</span>
                      ) : (
                        <>
                          <span className="pt-count-pair">
                            <span data-testid="responses">{number(r.responses)}</span>
                            <span className="muted"> / {number(r.expected)}</span>
                          </span>
                          <span className={`pt-rate pt-tone-${rateTone(r.rate, target)}`}>{ratePercent(r.rate)}</span>
                          {r.paper > 0 && (
                            <span className="pt-paper muted" data-testid="paper">
                              {s.paper(r.paper)}
                            </span>
                          )}
                          {r.needed > 0 && <span className="pt-more">{s.more(r.needed)}</span>}
                          {r.refused > 0 && (
                            <span className="pt-refused" data-testid="refused">
                              {s.refused(r.refused)}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  );
                })}
                <td className="num pt-needed" data-label={s.needed}>
                  {school.meetsTarget ? <span className="badge level-low">{s.atTarget}</span> : <strong data-testid="needed">{number(school.needed)}</strong>}
                </td>
                <td className="pt-flags" data-label={s.flags}>
                  {school.flags.overExpected.length > 0 && (
                    <span
                      className="badge pt-flag-over"
                      title={s.badgeOverTitle(school.flags.overExpected.map((role) => sharedStrings.roles[role]).join(', '))}
                    >
                      {s.badgeOver} · {school.flags.overExpected.map((role) => sharedStrings.roles[role]).join(', ')}
                    </span>
                  )}
                  {school.flags.noPrincipal && (
                    <span className="badge pt-flag-principal" title={s.badgeNoPrincipalTitle}>
                      {s.badgeNoPrincipal}
                    </span>
                  )}
                  {school.flags.awaitingDecision.length > 0 && (
                    <button type="button" className="badge pt-flag-marked" title={s.badgeHeldTitle} onClick={() => onMarks?.(school)}>
                      {s.badgeHeld(ROLES.reduce((sum, role) => sum + school.roles[role].held, 0))}
                    </button>
                  )}
                  {school.flags.thanksToMarked.length > 0 && (
                    <button
                      type="button"
                      className="badge pt-flag-marked"
                      title={s.badgeThanksToMarkedTitle(school.flags.thanksToMarked.map((role) => sharedStrings.roles[role]).join(', '))}
                      onClick={() => onMarks?.(school)}
                    >
                      {s.badgeThanksToMarked}
                    </button>
                  )}
                </td>
                {onRemind && (
                  <td className="pt-action">
                    {!school.meetsTarget && report.wave.status === 'open' && (
                      <button type="button" className="small" onClick={() => onRemind(school)}>
                        {s.remind}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted pt-empty">{s.empty}</p>}
      </div>

      {pages > 1 && (
        <nav className="toolbar pt-pager" aria-label={s.page(current + 1, pages)}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {s.prev}
          </button>
          <span className="muted">{s.page(current + 1, pages)}</span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {s.next}
          </button>
        </nav>
      )}
    </section>
  );
}
