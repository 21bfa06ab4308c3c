/** What choosing a wave needs to know of one; the pages pass the server's WaveView. */
interface WaveLike {
  id: number;
  regionId: number;
  opensAt: string;
  status: string;
}

export interface PickedWaves<W> {
  /** Every wave, the latest to open first: the order of every wave list. */
  latestFirst: W[];
  /** The wave in the address, else the latest that has opened, else the next to open; null when there is none. */
  wave: W | null;
  /** The waves of its region that opened before it, latest first: the ones it can be compared with. */
  earlier: W[];
}

/** The wave a page shows, so that a shared address opens the same wave and a bare one the wave of the moment. */
export function pickWaves<W extends WaveLike>(waves: W[] | null, requested: string | null): PickedWaves<W> {
  const latestFirst = [...(waves ?? [])].sort((a, b) => b.opensAt.localeCompare(a.opensAt) || b.id - a.id);
  const wave = latestFirst.find((w) => String(w.id) === requested) ?? latestFirst.find((w) => w.status !== 'planned') ?? latestFirst[0] ?? null;
  const earlier = wave ? latestFirst.filter((w) => w.regionId === wave.regionId && w.opensAt < wave.opensAt) : [];
  return { latestFirst, wave, earlier };
}
