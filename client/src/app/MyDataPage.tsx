import { useEffect, useState, type FormEvent } from 'react';
import type { MyData } from '../../../server/my-data/my-data.schemas';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { calendarDay, dateTime, zoneLabel } from '../shared/format';
import { useSession } from '../shared/session';
import { sharedStrings } from '../shared/strings';
import { strings } from './strings';

const s = strings.myData;

/** «Мои данные»: what the platform keeps about the signed-in person, and the one thing they correct themselves. */
export function MyDataPage() {
  const { timeZone } = useSession();
  const [data, setData] = useState<MyData | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api<MyData>('/api/me/data').then(
      (d) => {
        setData(d);
        setName(d.name);
      },
      (e) => setMessage({ ok: false, text: errorText(e) }),
    );
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const saved = await api<MyData>('/api/me/data', { method: 'PUT', json: { name } });
      setData(saved);
      setName(saved.name);
      setMessage({ ok: true, text: s.saved });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  const when = (at: string | null) => (at ? dateTime(at, timeZone) : s.never);

  return (
    <div className="narrow card my-data">
      <h1>{s.title}</h1>
      <p className="muted">{s.intro}</p>
      {data === null && !message && <p className="muted">{s.loading}</p>}
      {data && (
        <>
          <dl>
            <dt>{s.email}</dt>
            <dd>{data.email}</dd>
            <dt>{s.name}</dt>
            <dd>{data.name || '—'}</dd>
            <dt>{s.role}</dt>
            <dd>{sharedStrings.accountRoles[data.role]}</dd>
            <dt>{s.scope}</dt>
            <dd>{data.scopeName ?? s.noScope}</dd>
            <dt>{s.createdAt}</dt>
            <dd>{dateTime(data.createdAt, timeZone)}</dd>
            <dt>{s.consent}</dt>
            <dd>{data.consent ? s.consentGiven(calendarDay(data.consent.version), dateTime(data.consent.givenAt, timeZone)) : s.consentMissing}</dd>
            <dt>{s.lastLogin}</dt>
            <dd>{when(data.lastLoginAt)}</dd>
            <dt>{s.previousLogin}</dt>
            <dd>{when(data.previousLoginAt)}</dd>
          </dl>
          <p className="muted">{s.zone(zoneLabel(timeZone))}</p>
          <form onSubmit={save} className="form">
            <label>
              {s.name}
              <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit" className="primary">
              {s.save}
            </button>
          </form>
        </>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
