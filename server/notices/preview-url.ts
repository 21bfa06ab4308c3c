import type { Role } from '../shared/roles.js';

/**
 * The public page where anyone reads a role's questionnaire before deciding whether to take part. Kept apart from
 * /s/ (a respondent's link) so no preview address can ever be taken for a link that accepts answers.
 */
export function previewUrl(publicUrl: string, role: Role, waveId?: number): string {
  return `${publicUrl}/questionnaires/${role}${waveId === undefined ? '' : `?wave=${waveId}`}`;
}
