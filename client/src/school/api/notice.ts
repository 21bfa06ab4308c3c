import type { ParentNotice } from '../../../../server/notices/notices.schemas';
import { api } from '../../shared/api';

export type { ParentNotice };

export const fetchParentNotice = (waveId: number, schoolId: number) => api<ParentNotice>(`/api/waves/${waveId}/schools/${schoolId}/parent-notice`);
