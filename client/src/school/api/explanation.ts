import type { ExplanationBody, FactorExplanation, SchoolExplanations } from '../../../../server/explanations/explanation.schemas';
import { api } from '../../shared/api';

/** What the explanation views read of one factor: both routes below give it. */
export type Explanation = ExplanationBody;
export type IndicatorExplanation = Explanation['indicators'][number];

export const fetchExplanation = (waveId: number, schoolId: number, factorId: string) =>
  api<FactorExplanation>(`/api/waves/${waveId}/schools/${schoolId}/factors/${encodeURIComponent(factorId)}/explanation`);

/** Every factor's explanation in one request, for the printed report. */
export const fetchExplanations = (waveId: number, schoolId: number) => api<SchoolExplanations>(`/api/waves/${waveId}/schools/${schoolId}/explanations`);
