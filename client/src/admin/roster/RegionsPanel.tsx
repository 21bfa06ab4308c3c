import { useEffect, useState, type FormEvent } from 'react';
import { createRegion, listRegions, type RegionSummary } from './api';
import { failureText } from './failure';
import { rosterStrings as s } from './strings';

/** The regions a roster may name; `version` changes after an import so the counts follow. */
export function RegionsPanel({ version }: { version: number }) {
  const [regions, setRegions] = useState<RegionSummary[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    listRegions().then(
      (list) => current && setRegions(list),
      (e) => current && setMessage({ ok: false, text: failureText(e) }),
    );
    return () => {
      current = false;
    };
  }, [version, reloads]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const region = await createRegion(name);
      setName('');
      setMessage({ ok: true, text: s.regions.added(region.name) });
      setReloads((n) => n + 1);
    } catch (err) {
      setMessage({ ok: false, text: failureText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card regions-panel" aria-labelledby="regions-heading">
      <h2 id="regions-heading">{s.regions.heading}</h2>
      <p className="muted hint">{s.regions.hint}</p>
      {regions && regions.length === 0 && <p className="muted">{s.regions.empty}</p>}
      {regions && regions.length > 0 && (
        <div className="regions-list">
          <table className="compact">
            <thead>
              <tr><th>{s.regions.name}</th><th className="num">{s.regions.municipalities}</th><th className="num">{s.regions.schools}</th></tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.id}><td>{r.name}</td><td className="num">{r.municipalities}</td><td className="num">{r.schools}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="add-region" onSubmit={add}>
        <label htmlFor="new-region">{s.regions.newName}</label>
        <div className="add-region-row">
          <input id="new-region" required maxLength={200} value={name} placeholder={s.regions.placeholder} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={busy || !name.trim()}>{s.regions.add}</button>
        </div>
      </form>
      {message && <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
