import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { listWaves } from './api';
import { formatDay, formatLastDay } from './dates';
import { StatusBadge } from './StatusBadge';
import { wavesStrings as s } from './strings';
import { useResource } from './useResource';
import { WaveForm } from './WaveForm';

export function WaveListPage() {
  const waves = useResource(listWaves, 'waves');
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
      {waves.error && <p className="error" role="alert">{waves.error}</p>}
      {waves.data?.length === 0 && !creating && <p className="card muted">{s.list.empty}</p>}
      {waves.data && waves.data.length > 0 && (
        <div className="table-wrap">
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
                  <td>{s.dateRange(formatDay(wave.opensAt), formatLastDay(wave.closesAt))}</td>
                  <td className="num" data-label={s.list.columns.target}>{Math.round(wave.target * 100)}%</td>
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
