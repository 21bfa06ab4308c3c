import type { SchoolComparisons } from '../../../../server/comparisons/comparisons.schemas';
import { api } from '../../shared/api';

export type { SchoolComparisons };

export const fetchComparisons = (waveId: number, schoolId: number) => api<SchoolComparisons>(`/api/waves/${waveId}/schools/${schoolId}/comparisons`);
