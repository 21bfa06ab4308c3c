import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { createRegion, listRegions, setRegionTimeZone } from './api';
import { timeZoneOptions } from './time-zones';
import { rosterStrings as s } from './strings';

/** The regions a roster may name; `version` changes after an import so the counts follow. */
export function RegionsPanel({ version }: { version: number }) {
  const loaded = useLoad(listRegions, 'regions', version);
  const regions = loaded.data;
  const [name, setName] = useState('');
  const [zone, setZone] = useState('Europe/Moscow');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const region = await createRegion(name, zone);
      setName('');
      setMessage({ ok: true, text: s.regions.added(region.name) });
      loaded.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, s.errors) });
    } finally {
      setBusy(false);
    }
  }

  async function changeZone(id: number, timeZone: string) {
    setMessage(null);
    try {
      const region = await setRegionTimeZone(id, timeZone);
      setMessage({ ok: true, text: s.regions.zoneChanged(region.name) });
      loaded.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, s.errors) });
    }
  }

  return (
    <section className="card regions-panel" aria-labelledby="regions-heading">
      <h2 id="regions-heading">{s.regions.heading}</h2>
      <p className="muted hint">{s.regions.hint}</p>
      {loaded.error !== null && <ErrorMessage error={loaded.error} messages={s.errors} />}
      {regions && regions.length === 0 && <p className="muted">{s.regions.empty}</p>}
      {regions && regions.length > 0 && (
        <div className="regions-list" role="region" tabIndex={0} aria-label={s.regions.heading}>
          <table className="compact">
            <thead>
              <tr>
                <th>{s.regions.name}</th>
                <th>{s.regions.timeZone}</th>
                <th className="num">{s.regions.municipalities}</th>
                <th className="num">{s.regions.schools}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>
                    <select aria-label={s.regions.timeZoneOf(r.name)} value={r.timeZone} onChange={(e) => void changeZone(r.id, e.target.value)}>
                      {timeZoneOptions(r.timeZone).map((o) => (
                        <option key={o.zone} value={o.zone}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">{r.municipalities}</td>
                  <td className="num">{r.schools}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="add-region" onSubmit={add}>
        <label htmlFor="new-region">{s.regions.newName}</label>
        <div className="add-region-row">
          <input id="new-region" required maxLength={200} value={name} placeholder={s.regions.placeholder} onChange={(e) => setName(e.target.value)} />
          <select aria-label={s.regions.timeZone} value={zone} onChange={(e) => setZone(e.target.value)}>
            {timeZoneOptions().map((o) => (
              <option key={o.zone} value={o.zone}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !name.trim()}>
            {s.regions.add}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
