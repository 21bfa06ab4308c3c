import { useState } from 'react';
import type { RosterIssue, RosterPreview, RosterSampleRow, RosterWarning } from './api';
import { rosterStrings as s } from './strings';

/** The expected-respondent columns, in the template's order. */
const COUNT_KEYS = ['principal', 'teachers', 'students', 'parents'] as const satisfies ReadonlyArray<keyof RosterSampleRow>;

const STATUS_CLASS: Record<RosterSampleRow['status'], string> = {
  new: 'status-new',
  updated: 'level-medium',
  unchanged: 'level-insufficient',
  error: 'level-high',
};

export const issueText = (issue: RosterIssue) => s.issues[issue.code](issue);

export function IssueTable({ issues, total }: { issues: RosterIssue[]; total: number }) {
  return (
    <>
      <div className="table-wrap">
        <table className="issues">
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
                <td>{issueText(issue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > issues.length && <p className="muted hint">{s.preview.moreErrors(issues.length, total)}</p>}
    </>
  );
}

function WarningTable({ warnings, total }: { warnings: RosterWarning[]; total: number }) {
  return (
    <>
      <div className="table-wrap">
        <table className="issues warnings" data-testid="roster-warnings">
          <thead>
            <tr>
              <th className="num">{s.preview.line}</th>
              <th>{s.preview.problem}</th>
            </tr>
          </thead>
          <tbody>
            {warnings.map((warning, i) => (
              <tr key={i}>
                <td className="num" data-label={s.preview.line}>
                  {warning.line}
                </td>
                <td>{s.warningTexts[warning.code](warning)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > warnings.length && <p className="muted hint">{s.warnings.more(warnings.length, total)}</p>}
    </>
  );
}

function SampleTable({ rows }: { rows: RosterSampleRow[] }) {
  const changed = (row: RosterSampleRow, key: string) => (row.changes.includes(key) ? 'changed' : undefined);
  return (
    <div className="table-wrap">
      <table className="sample">
        <thead>
          <tr>
            <th className="num">{s.preview.line}</th>
            <th>{s.sample.region}</th>
            <th>{s.sample.municipality}</th>
            <th>{s.sample.code}</th>
            <th>{s.sample.name}</th>
            {COUNT_KEYS.map((key) => (
              <th key={key} className="num" title={s.sample.titles[key]}>
                {s.sample[key]}
              </th>
            ))}
            <th>{s.sample.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <td className="num muted">{row.line}</td>
              <td>{row.region}</td>
              <td className={changed(row, 'municipality')}>{row.municipality}</td>
              <td className="code">{row.code}</td>
              <td className={changed(row, 'name')}>{row.name}</td>
              {COUNT_KEYS.map((key) => (
                <td key={key} className={['num', changed(row, key)].filter(Boolean).join(' ')}>
                  {row[key] ?? '—'}
                </td>
              ))}
              <td>
                <span className={`badge ${STATUS_CLASS[row.status]}`}>{s.sample.statuses[row.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the file would do: the counts, every error, and its first rows as the server read them. */
export function PreviewPanel({ preview, applying, onApply }: { preview: RosterPreview; applying: boolean; onApply(confirmLookAlikes: boolean): void }) {
  const { summary } = preview;
  const [confirmed, setConfirmed] = useState(false);
  const blocked = preview.errorCount > 0 || preview.rows === 0;
  const unconfirmed = !blocked && preview.warningCount > 0 && !confirmed;
  const stats: Array<[string, number]> = [
    [s.preview.rows, preview.rows],
    [s.preview.schoolsNew, summary.schoolsNew],
    [s.preview.schoolsUpdated, summary.schoolsUpdated],
    [s.preview.schoolsUnchanged, summary.schoolsUnchanged],
    [s.preview.municipalitiesNew, summary.municipalitiesNew],
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
      {preview.warningCount > 0 && (
        <>
          <p className="notice notice-warn" role="alert">
            {s.warnings.found(preview.warningCount)}
          </p>
          <WarningTable warnings={preview.warnings} total={preview.warningCount} />
          {!blocked && (
            <label className="confirm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {s.warnings.confirm}
            </label>
          )}
        </>
      )}
      {preview.ignoredColumns.length > 0 && <p className="muted hint">{s.preview.ignored(preview.ignoredColumns)}</p>}
      {preview.sample.length > 0 && (
        <>
          <h3>{s.preview.sampleHeading(preview.sample.length, preview.rows)}</h3>
          <SampleTable rows={preview.sample} />
        </>
      )}
      <div className="apply-bar">
        <button type="button" className="primary" disabled={blocked || unconfirmed || applying} onClick={() => onApply(confirmed)}>
          {applying ? s.preview.applying : s.preview.apply}
        </button>
        <span className="muted hint">{blocked ? s.preview.blockedHint : unconfirmed ? s.preview.confirmHint : s.preview.applyHint}</span>
      </div>
    </section>
  );
}
