import { ApiFailure } from './api';

/** When a wave's figures will appear, from the server's 409 `figures_not_released` (docs/methodology.md §6 rule 2). */
export interface Withheld {
  waveId: number;
  releasesAt: string;
}

/** The wave and the release instant an error says the figures wait for, or null for any other error. */
export function withheldBy(error: unknown): Withheld | null {
  if (!(error instanceof ApiFailure) || error.code !== 'figures_not_released') return null;
  const details = error.details as Partial<Withheld> | undefined;
  return typeof details?.waveId === 'number' && typeof details.releasesAt === 'string' ? { waveId: details.waveId, releasesAt: details.releasesAt } : null;
}
