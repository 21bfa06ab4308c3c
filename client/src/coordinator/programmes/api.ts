import type { ConfirmedChange, MissReason, OverallState, ProgrammesOverview } from '../../../../server/programme-monitoring/monitoring.schemas';
import type { ProgrammeState } from '../../../../server/shared/vocabulary';
import { api, download } from '../../shared/api';

export type { ConfirmedChange, MissReason, OverallState, ProgrammesOverview, ProgrammeState };
export type SchoolOverview = ProgrammesOverview['schools'][number];
export type Format = 'csv' | 'xlsx';

export const fetchOverview = (waveId: number) => api<ProgrammesOverview>(`/api/waves/${waveId}/programmes/overview`);

export const fetchConfirmedChange = (waveId: number, from: number) => api<ConfirmedChange>(`/api/waves/${waveId}/programmes/confirmed-change?from=${from}`);

export const downloadOverview = (waveId: number, format: Format) => download(`/api/waves/${waveId}/programmes/overview.${format}`);

export const downloadConfirmedChange = (waveId: number, from: number, format: Format) =>
  download(`/api/waves/${waveId}/programmes/confirmed-change.${format}?from=${from}`);
