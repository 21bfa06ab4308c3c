import type { ContextIssue, ContextKind, ContextPreview, ContextSampleRow } from './api';
import { contextStrings as s } from './strings';

const COLUMNS: Record<ContextKind, string[]> = {
  indicators: ['code', 'year', 'socialIndex', 'settlement', 'students'],
  results: ['code', 'year', 'procedure', 'subject', 'grade', 'participants', 'meanScore', 'share2', 'share3', 'share4', 'share5'],
};

const STATUS_CLASS: Record<ContextSampleRow['status'], string> = {
  new: 'status-new',
  changed: 'level-medium',
  unchanged: 'level-insufficient',
  error: 'level-high',
};

function IssueTable({ issues, total }: { issues: ContextIssue[]; total: number }) {
  return (
    <>
      <div className="table-wrap">
        <table className="issues" data-testid="context-errors">
          <thead>
            <tr>
              <th className="num">{s.preview.line}</th>
              <th>{s.preview.column}</th>
              <th>{s.preview.problem}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={i}>
                <td className="num" data-label={issue.line === null ? undefined : s.preview.line}>
                  {issue.line ?? '—'}
                </td>
                <td>{issue.column ?? s.preview.wholeFile}</td>
                <td>{s.issues[issue.code](issue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > issues.length && <p className="muted hint">{s.preview.moreErrors(issues.length, total)}</p>}
    </>
  );
}

/** The file's first rows as the server read them; a figure that replaces a stored one says what it was. */
function SampleTable({ kind, rows }: { kind: ContextKind; rows: ContextSampleRow[] }) {
  const columns = COLUMNS[kind];
  return (
    <div className="table-wrap">
      <table className="sample" data-testid="context-sample">
        <thead>
          <tr>
            <th className="num">{s.preview.line}</th>
            <th>{s.preview.school}</th>
            {columns.map((c) => (
              <th key={c}>{s.sampleColumns[c]}</th>
            ))}
            <th>{s.preview.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <td className="num muted">{row.line}</td>
              <td>{row.school ?? '—'}</td>
              {columns.map((c) => (
                <td
                  key={c}
                  className={c in row.previous ? 'changed' : c === 'code' ? 'code' : undefined}
                  title={c in row.previous ? s.preview.was(row.previous[c]) : undefined}
                >
                  {row.cells[c] || '—'}
                  {c in row.previous && <span className="muted was"> ({s.preview.was(row.previous[c])})</span>}
                </td>
              ))}
              <td>
                <span className={`badge ${STATUS_CLASS[row.status]}`}>{s.preview.statuses[row.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the file would do: how many rows it adds and replaces, every error, and its first rows. */
export function PreviewPanel({ preview, applying, onApply }: { preview: ContextPreview; applying: boolean; onApply(): void }) {
  const { summary } = preview;
  const blocked = preview.errorCount > 0 || preview.rows === 0;
  const stats: Array<[string, number]> = [
    [s.preview.rows, preview.rows],
    [s.preview.schools, summary.schools],
    [s.preview.added, summary.added],
    [s.preview.changed, summary.changed],
    [s.preview.unchanged, summary.unchanged],
  ];
  return (
    <section className="card preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{s.preview.heading}</h2>
      <div className="stats">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <div className="value">{value}</div>
            <div className="label">{label}</div>
          </div>
        ))}
      </div>
      {summary.years.length > 0 && <p className="muted hint">{s.preview.years(summary.years)}</p>}
      {preview.errorCount > 0 ? (
        <>
          <p className="notice notice-bad" role="alert">
            {s.preview.errorsFound(preview.errorCount)}
          </p>
          <IssueTable issues={preview.errors} total={preview.errorCount} />
        </>
      ) : (
        preview.rows > 0 && <p className="notice notice-ok">{s.preview.noErrors}</p>
      )}
      {preview.ignoredColumns.length > 0 && <p className="muted hint">{s.preview.ignored(preview.ignoredColumns)}</p>}
      {preview.sample.length > 0 && (
        <>
          <h3>{s.preview.sampleHeading(preview.sample.length, preview.rows)}</h3>
          <SampleTable kind={preview.kind} rows={preview.sample} />
        </>
      )}
      <div className="apply-bar">
        <button type="button" className="primary" disabled={blocked || applying} onClick={onApply}>
          {applying ? s.preview.applying : s.preview.apply}
        </button>
        <span className="muted hint">{blocked ? s.preview.blockedHint : s.preview.applyHint}</span>
      </div>
    </section>
  );
}
