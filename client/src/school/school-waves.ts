import type { WaveView } from './api/waves';

/**
 * The wave a page shows — the one in the address, else the latest that has opened — and the waves
 * that opened before it, latest first: the ones it can be compared with.
 */
export function pickWaves(waves: WaveView[] | null, requested: string | null): { wave: WaveView | null; earlier: WaveView[] } {
  if (!waves || waves.length === 0) return { wave: null, earlier: [] };
  const latestFirst = [...waves].sort((a, b) => b.opensAt.localeCompare(a.opensAt) || b.id - a.id);
  const wave = latestFirst.find((w) => String(w.id) === requested) ?? latestFirst.find((w) => w.status !== 'planned') ?? latestFirst[0];
  return { wave, earlier: latestFirst.filter((w) => w.opensAt < wave.opensAt) };
}
