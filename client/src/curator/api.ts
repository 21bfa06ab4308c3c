import type { ParticipationReport } from '../../../server/participation/participation.schemas';
import { api } from '../shared/api';

export type { ParticipationReport };

/** The wave's schools within the caller's reach: for a curator, the schools assigned to it. */
export const fetchWaveSchools = (waveId: number) => api<ParticipationReport>(`/api/waves/${waveId}/participation`);
