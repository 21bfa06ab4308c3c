import { useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry as Entry, AuditPage as Page } from '../../../../server/admin/audit/audit.schemas';
import { api, download } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { dateTime, zoneLabel } from '../../shared/format';
import { auditStrings as s } from './strings';
import './audit.css';

interface Filters {
  from: string;
  to: string;
  action: string;
  entity: string;
  user: string;
  text: string;
}

const NO_FILTERS: Filters = { from: '', to: '', action: '', entity: '', user: '', text: '' };

function queryOf(filters: Filters, before?: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) query.set(key, value.trim());
  if (before) query.set('before', String(before));
  return query.size > 0 ? `?${query}` : '';
}

export function AuditPage() {
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  // The filters of the rows shown: «show more» and the CSV follow them, not a form edited since.
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [zone, setZone] = useState('Europe/Moscow');
  const [error, setError] = useState<string | null>(null);

  const load = (filters: Filters, before?: number) =>
    api<Page>(`/api/admin/audit${queryOf(filters, before)}`).then(
      (page) => {
        setEntries((old) => (before ? [...(old ?? []), ...page.entries] : page.entries));
        setNext(page.nextBefore);
        setZone(page.timeZone);
        setError(null);
      },
      (e) => setError(errorText(e)),
    );
  useEffect(() => void load(NO_FILTERS), []);

  function apply(e: FormEvent) {
    e.preventDefault();
    setApplied(form);
    setEntries(null);
    void load(form);
  }

  function reset() {
    setForm(NO_FILTERS);
    setApplied(NO_FILTERS);
    setEntries(null);
    void load(NO_FILTERS);
  }

  const field = (key: keyof Filters) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  return (
    <section>
      <h1>{s.title}</h1>
      <p className="muted">
        {s.intro} {s.zone(zoneLabel(zone))}
      </p>
      <form className="audit-filters" onSubmit={apply} aria-label={s.filters.legend}>
        <label>
          {s.filters.from}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {s.filters.to}
          <input type="date" {...field('to')} />
        </label>
        <label>
          {s.filters.action}
          <select {...field('action')}>
            <option value="">{s.filters.any}</option>
            {Object.entries(s.actions).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.filters.entity}
          <select {...field('entity')}>
            <option value="">{s.filters.any}</option>
            {Object.entries(s.entities).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.filters.user}
          <input type="search" maxLength={254} {...field('user')} />
        </label>
        <label>
          {s.filters.text}
          <input type="search" maxLength={200} {...field('text')} />
        </label>
        <div className="audit-filter-buttons">
          <button type="submit">{s.filters.apply}</button>
          <button type="button" onClick={reset}>
            {s.filters.reset}
          </button>
          <button type="button" onClick={() => void download(`/api/admin/audit.csv${queryOf(applied)}`).catch((e) => setError(errorText(e)))}>
            {s.filters.csv}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="table-scroll" role="region" tabIndex={0} aria-label={s.title}>
        <table className="audit-table">
          <thead>
            <tr>
              <th>{s.when}</th>
              <th>{s.who}</th>
              <th>{s.what}</th>
              <th>{s.details}</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => {
              const lines = s.detailLines(e.details);
              return (
                <tr key={e.id}>
                  <td className="audit-when" data-label={s.when}>
                    {dateTime(e.at, zone)}
                  </td>
                  <td className="audit-who" data-label={s.who}>
                    {s.actorLabel(e)}
                  </td>
                  <td data-label={s.what}>
                    {s.actionLabel(e.action)}
                    <span className="muted audit-entity">
                      {' '}
                      {s.entityLabel(e.entity)}
                      {e.entityId ? ` ${s.number(e.entityId)}` : ''}
                      {e.subjectName ? `, ${e.subjectName}` : ''}
                    </span>
                  </td>
                  <td data-label={s.details}>
                    {lines.length === 0 ? (
                      s.noDetails
                    ) : (
                      <ul className="audit-details">
                        {lines.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {entries === null && !error && <p className="muted">{s.loading}</p>}
      {entries?.length === 0 && <p className="muted">{s.empty}</p>}
      {next && (
        <button type="button" className="audit-more" onClick={() => void load(applied, next)}>
          {s.more}
        </button>
      )}
    </section>
  );
}
