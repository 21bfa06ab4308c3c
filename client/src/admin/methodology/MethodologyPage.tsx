import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useLoad } from '../../shared/useLoad';
import { listWaves } from '../waves/api';
import { CalibrationPanel } from './CalibrationPanel';
import { DerivePanel } from './DerivePanel';
import { QualityPanel } from './QualityPanel';
import { methodologyStrings as s } from './strings';
import './methodology.css';

type Tab = keyof typeof s.tabs;

export function MethodologyPage() {
  const waves = useLoad(listWaves, 'waves');
  const [picked, setPicked] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>('calibration');
  const waveId = picked ?? waves.data?.[0]?.id ?? null;
  const wave = waves.data?.find((w) => w.id === waveId);

  return (
    <section className="methodology">
      <h1>{s.title}</h1>
      <p className="muted lead">{s.intro}</p>
      {waves.error !== null && <ErrorMessage error={waves.error} onRetry={waves.reload} />}
      {waves.data?.length === 0 && <p className="card muted">{s.noWaves}</p>}
      {waves.data && waveId !== null && (
        <>
          <div className="toolbar">
            <label className="inline-field">
              {s.wave}{' '}
              <select value={waveId} onChange={(e) => setPicked(Number(e.target.value))}>
                {waves.data.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.title} · {w.regionName}
                  </option>
                ))}
              </select>
            </label>
            <div className="tabs" role="tablist">
              {(Object.keys(s.tabs) as Tab[]).map((t) => (
                <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
                  {s.tabs[t]}
                </button>
              ))}
            </div>
          </div>
          {tab === 'calibration' && <CalibrationPanel key={waveId} waveId={waveId} />}
          {tab === 'derive' && wave && <DerivePanel key={waveId} waveId={waveId} pinnedModelId={wave.modelId} />}
          {tab === 'quality' && <QualityPanel key={waveId} waveId={waveId} />}
        </>
      )}
    </section>
  );
}
