import type { ResultSeries, SchoolContext } from '../../../../server/context/context.schemas';
import { api } from '../../shared/api';

export type { ResultSeries, SchoolContext };

export const fetchSchoolContext = (schoolId: number) => api<SchoolContext>(`/api/schools/${schoolId}/context`);
