import { LocalhostBanner } from './LocalhostBanner';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { getCodes, ROLES, type Codes, type Role } from './api';
import { QrSvg } from './QrSvg';
import { wavesStrings as s } from './strings';

const roleTitles = sharedStrings.roles;

/** Ten slips fill an A4 page in two columns; a school cuts them apart and hands one to every respondent. */
const SLIPS_PER_PAGE = 10;

export default function CodesPage() {
  const params = useParams();
  const waveId = Number(params.waveId);
  const schoolId = Number(params.schoolId);
  const [search, setSearch] = useSearchParams();
  const role = (ROLES as readonly string[]).includes(search.get('role') ?? '') ? (search.get('role') as Role) : undefined;
  const codes = useLoad(() => getCodes(waveId, schoolId, role), `codes-${waveId}-${schoolId}-${role ?? ''}`);

  if (codes.error) return <ErrorMessage error={codes.error} />;
  if (!codes.data) return <p className="muted">…</p>;
  const { school, entryUrl } = codes.data;
  const pages: Codes['codes'][] = [];
  for (let i = 0; i < codes.data.codes.length; i += SLIPS_PER_PAGE) pages.push(codes.data.codes.slice(i, i + SLIPS_PER_PAGE));

  return (
    <div className="print-page">
      <LocalhostBanner />
      <div className="toolbar no-print">
        <Link to={`/admin/waves/${waveId}/schools/${schoolId}/sheet`}>{s.slips.back}</Link>
        <label className="inline">
          {s.slips.role}{' '}
          <select value={role ?? ''} onChange={(e) => setSearch(e.target.value ? { role: e.target.value } : {})}>
            <option value="">{s.slips.allRoles}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleTitles[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={codes.data.codes.length === 0} onClick={() => window.print()}>
          {s.sheet.print}
        </button>
        <span className="muted">{s.slips.count(codes.data.codes.length)}</span>
      </div>
      <h1 className="no-print">{s.slips.title(school.name)}</h1>
      {codes.data.codes.length === 0 && <p className="card muted">{s.slips.none}</p>}
      {pages.map((page, i) => (
        <div key={i} className="a4 slip-page">
          {page.map((code) => (
            <div key={code.id} className="slip">
              <QrSvg className="qr" text={code.url} />
              <div className="slip-text">
                <p className="slip-school">{school.name}</p>
                <p className="slip-role">{roleTitles[code.role]}</p>
                {/* The short code is what a person can type; the long link stays in the QR code only. */}
                {code.shortCode ? (
                  <>
                    <p className="slip-how">{s.slips.howWithCode(entryUrl)}</p>
                    <p className="slip-code" data-testid="slip-code">
                      {code.shortCode}
                    </p>
                  </>
                ) : (
                  <>
                    <p className="slip-how">{s.slips.how}</p>
                    <p className="slip-url">{code.url}</p>
                  </>
                )}
                <p className="slip-line">{s.slips.line}</p>
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
