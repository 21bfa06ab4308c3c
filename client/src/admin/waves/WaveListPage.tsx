import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { date, lastDayOf, percent } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { listWaves } from './api';
import { StatusBadge } from './StatusBadge';
import { wavesStrings as s } from './strings';
import { WaveForm } from './WaveForm';

export function WaveListPage() {
  const waves = useLoad(listWaves, 'waves');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <section className="waves">
      <div className="page-head">
        <div>
          <h1>{s.list.title}</h1>
          <p className="muted lead">{s.list.intro}</p>
        </div>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {s.list.create}
          </button>
        )}
      </div>
      {creating && (
        <WaveForm onCancel={() => setCreating(false)} onDone={(wave) => navigate(`waves/${wave.id}`, { state: { linksCreated: wave.linksCreated } })} />
      )}
      {waves.error !== null && <ErrorMessage error={waves.error} />}
      {waves.data?.length === 0 && !creating && <p className="card muted">{s.list.empty}</p>}
      {waves.data && waves.data.length > 0 && (
        <div className="table-wrap" role="region" tabIndex={0} aria-label={s.list.title}>
          <table className="wave-list">
            <thead>
              <tr>
                <th>{s.list.columns.title}</th>
                <th>{s.list.columns.region}</th>
                <th>{s.list.columns.dates}</th>
                <th className="num">{s.list.columns.target}</th>
                <th>{s.list.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {waves.data.map((wave) => (
                <tr key={wave.id}>
                  <td>
                    <Link to={`waves/${wave.id}`}>{wave.title}</Link>
                  </td>
                  <td>{wave.regionName}</td>
                  <td>{s.dateRange(date(wave.opensAt, wave.timeZone), date(lastDayOf(wave.closesAt), wave.timeZone))}</td>
                  <td className="num" data-label={s.list.columns.target}>
                    {percent(wave.target)}
                  </td>
                  <td>
                    <StatusBadge status={wave.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
