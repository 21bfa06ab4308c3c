import type { NewVisit, SchoolVisits, Visit, VisitProtocol, VisitReport } from '../../../../server/curators/curators.schemas';
import type { VisitKind } from '../../../../server/shared/vocabulary';
import { api } from '../../shared/api';

export type { NewVisit, SchoolVisits, Visit, VisitKind, VisitProtocol, VisitReport };

export const fetchVisits = (schoolId: number) => api<SchoolVisits>(`/api/schools/${schoolId}/visits`);

export const planVisit = (schoolId: number, visit: NewVisit) => api<Visit>(`/api/schools/${schoolId}/visits`, { method: 'POST', json: visit });

export const reportVisit = (visitId: number, report: VisitReport) => api<Visit>(`/api/visits/${visitId}`, { method: 'PUT', json: report });
