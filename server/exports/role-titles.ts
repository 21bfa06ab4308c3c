import type { Role } from '../shared/roles.js';

/** How the region's office names the respondents in its letters and spreadsheets. */
export const ROLE_TITLES: Record<Role, string> = {
  principal: 'Директор',
  teacher: 'Учителя',
  student: 'Обучающиеся 5–11 классов',
  parent: 'Родители',
};
