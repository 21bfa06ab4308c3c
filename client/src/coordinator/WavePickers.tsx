import { useSearchParams } from 'react-router';

interface PickableWave {
  id: number;
  title: string;
  regionId: number;
  regionName: string;
}

interface Props<W extends PickableWave> {
  /** Every wave, latest first. */
  waves: W[];
  wave: W;
  /** The waves the shown one may be compared with. */
  comparable: W[];
  compare: W | null;
  labels: { wave: string; compareWith: string; noCompare: string };
}

/**
 * The wave a coordinator's page shows and the one it is compared with, kept in the address so that a shared link opens
 * the same view; choosing another wave drops the comparison, which belonged to the wave before.
 */
export function WavePickers<W extends PickableWave>({ waves, wave, comparable, compare, labels }: Props<W>) {
  const [, setParams] = useSearchParams();
  const choose = (key: 'wave' | 'compare', value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(key, value);
      if (key === 'wave') next.delete('compare');
      return next;
    });
  // A region's name is added only when the list holds waves of several regions (the administrator's).
  const severalRegions = waves.some((w) => w.regionId !== wave.regionId);
  return (
    <>
      <label>
        {labels.wave}
        <select value={wave.id} onChange={(e) => choose('wave', e.target.value)}>
          {waves.map((w) => (
            <option key={w.id} value={w.id}>
              {w.title}
              {severalRegions ? ` — ${w.regionName}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {labels.compareWith}
        <select value={compare?.id ?? 'none'} onChange={(e) => choose('compare', e.target.value)}>
          <option value="none">{labels.noCompare}</option>
          {comparable.map((w) => (
            <option key={w.id} value={w.id}>
              {w.title}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
