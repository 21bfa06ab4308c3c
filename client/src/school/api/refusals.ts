import type { RefusalsBody, RefusalsRecorded } from '../../../../server/participation/refusals.schemas';
import { api } from '../../shared/api';

export const recordRefusals = (waveId: number, schoolId: number, body: RefusalsBody) =>
  api<RefusalsRecorded>(`/api/waves/${waveId}/schools/${schoolId}/refusals`, { method: 'PUT', json: body });
