import type { AssignableSchool, CuratorView } from '../../../../server/curators/curators.schemas';
import { api } from '../../shared/api';

export type { AssignableSchool, CuratorView };

export const listCurators = () => api<CuratorView[]>('/api/curators');
export const listAssignableSchools = () => api<AssignableSchool[]>('/api/curators/schools');
export const saveCuratorSchools = (curatorId: number, schoolIds: number[]) =>
  api<CuratorView>(`/api/curators/${curatorId}/schools`, { method: 'PUT', json: { schoolIds } });
