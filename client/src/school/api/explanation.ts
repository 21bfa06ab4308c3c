import type { FactorExplanation } from '../../../../server/explanations/explanation.schemas';
import { api } from '../../app/api';

export type { FactorExplanation };
export type IndicatorExplanation = FactorExplanation['indicators'][number];

export const fetchExplanation = (waveId: number, schoolId: number, factorId: string) =>
  api<FactorExplanation>(`/api/waves/${waveId}/schools/${schoolId}/factors/${encodeURIComponent(factorId)}/explanation`);
