import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { CopyButton } from '../copy/CopyButton';
import { correctExpected, getWaveLinks, replaceLink, ROLES, type Role, type RoleCell, type WaveSchoolLinks } from './api';
import { wavesStrings as s } from './strings';

const roleTitles = sharedStrings.roles;

const PAGE_SIZE = 50;

interface Props {
  waveId: number;
  /** Changes whenever links may have changed elsewhere on the page. */
  version: number;
  /** The wave has opened: its expected counts are its own, and an administrator may correct them here. */
  rosterFrozen: boolean;
  onError(message: string): void;
  onNotice(message: string): void;
}

export function SchoolLinksTable({ waveId, version, rosterFrozen, onError, onNotice }: Props) {
  const schools = useLoad(() => getWaveLinks(waveId), `links-${waveId}`, version);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);

  const matching = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('ru');
    const all = schools.data ?? [];
    return q ? all.filter((row) => `${row.name} ${row.code} ${row.municipality}`.toLocaleLowerCase('ru').includes(q)) : all;
  }, [schools.data, query]);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const shown = matching.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  async function replace(linkId: number) {
    if (!window.confirm(s.wave.confirmReplace)) return;
    try {
      await replaceLink(linkId);
      onNotice(s.wave.replaced);
      schools.reload();
    } catch (e) {
      onError(errorText(e));
    }
  }

  async function correct(school: WaveSchoolLinks, role: Role) {
    const answer = window.prompt(s.wave.correctPrompt(school.name, roleTitles[role]), String(school.roles[role].expected));
    if (answer === null) return;
    const expected = Number(answer.trim());
    if (answer.trim() === '' || !Number.isInteger(expected)) return onError(s.wave.correctNotNumber);
    try {
      const done = await correctExpected(waveId, { schoolId: school.id, role, expected });
      onNotice(s.wave.corrected(done.previous, done.expected, done.linksCreated));
      schools.reload();
    } catch (e) {
      onError(errorText(e, s.wave.correctErrors));
    }
  }

  if (schools.error) return <ErrorMessage error={schools.error} />;
  if (!schools.data) return <p className="muted">…</p>;
  if (schools.data.length === 0) return <p className="card muted">{s.wave.noSchools}</p>;

  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={s.wave.search}
          placeholder={s.wave.search}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(0);
          }}
        />
        <span className="muted">{s.wave.shown(shown.length, schools.data.length)}</span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">{s.wave.noMatch}</p>
      ) : (
        <div className="table-wrap" role="region" tabIndex={0} aria-label={s.wave.schoolsTitle}>
          <table className="links-table">
            <thead>
              <tr>
                <th>{s.wave.school}</th>
                {ROLES.map((role) => (
                  <th key={role}>{roleTitles[role]}</th>
                ))}
                <th className="no-print" />
              </tr>
            </thead>
            <tbody>
              {shown.map((school) => (
                <tr key={school.id}>
                  <td className="school-cell">
                    <strong>{school.name}</strong>
                    <span className="muted">
                      {school.code} · {school.municipality}
                    </span>
                  </td>
                  {ROLES.map((role) => (
                    <td key={role}>
                      <LinkCell cell={school.roles[role]} onReplace={replace} onCorrect={rosterFrozen ? () => correct(school, role) : undefined} />
                    </td>
                  ))}
                  <td className="row-actions">
                    <Link to={`/admin/waves/${waveId}/schools/${school.id}/sheet`}>{s.wave.sheet}</Link>
                    {ROLES.some((role) => school.roles[role].mode === 'codes') && (
                      <Link to={`/admin/waves/${waveId}/schools/${school.id}/codes`}>{s.wave.slips}</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <div className="toolbar pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {s.wave.prev}
          </button>
          <span className="muted">
            {page + 1} / {pages}
          </span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {s.wave.next}
          </button>
        </div>
      )}
    </>
  );
}

function LinkCell({ cell, onReplace, onCorrect }: { cell: RoleCell; onReplace(linkId: number): void; onCorrect?: () => void }) {
  const expected = (
    <span className="muted">
      {s.wave.expected(cell.expected)}{' '}
      {onCorrect && (
        <button type="button" className="small quiet" onClick={onCorrect}>
          {s.wave.correct}
        </button>
      )}
    </span>
  );
  if (cell.mode === 'codes') {
    return (
      <span className="codes-cell">
        {s.wave.codes(cell.codes.issued, cell.codes.used)}
        {expected}
      </span>
    );
  }
  if (!cell.link) return <span className="muted">{s.wave.noLink}</span>;
  return (
    <span className="link-cell">
      <a href={cell.link.url} target="_blank" rel="noreferrer" className="short-url" title={cell.link.url}>
        {cell.link.url.replace(/^https?:\/\//, '')}
      </a>
      <span className="cell-actions">
        <CopyButton text={cell.link.url} className="small" />
        <button type="button" className="small quiet" onClick={() => onReplace(cell.link!.id)}>
          {s.wave.replace}
        </button>
      </span>
      {onCorrect && expected}
    </span>
  );
}
