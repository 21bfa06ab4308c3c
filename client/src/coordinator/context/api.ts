import type { WaveView } from '../../../../server/admin/waves/waves.schemas';
import type { ContextResults, Measure, Scatter } from '../../../../server/context-scatter/context-scatter.schemas';
import { api } from '../../shared/api';

export type { ContextResults, Measure, Scatter, WaveView };
export type AvailableResult = ContextResults['results'][number];
export type ScatterRow = Scatter['schools'][number];
export type Procedure = AvailableResult['procedure'];

export const fetchWaves = () => api<WaveView[]>('/api/waves');

export const fetchResults = (waveId: number) => api<ContextResults>(`/api/waves/${waveId}/context/results`);

export interface ScatterPick {
  factor: string;
  procedure: Procedure;
  subject: string;
  grade: number;
  year: number | null;
  measure: Measure;
  municipalityId: number | null;
}

export function fetchScatter(waveId: number, pick: ScatterPick) {
  const query = new URLSearchParams({
    factor: pick.factor,
    procedure: pick.procedure,
    subject: pick.subject,
    grade: String(pick.grade),
    measure: pick.measure,
  });
  if (pick.year !== null) query.set('year', String(pick.year));
  if (pick.municipalityId !== null) query.set('municipalityId', String(pick.municipalityId));
  return api<Scatter>(`/api/waves/${waveId}/context/scatter?${query}`);
}
