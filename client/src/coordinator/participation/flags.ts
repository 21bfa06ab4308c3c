import type { SchoolRow } from './api';
import { hasFlag } from '../../../../server/shared/rules/participation-filter';

export { hasFlag, matchesFilter, type FlagFilter, type SchoolFilter } from '../../../../server/shared/rules/participation-filter';

/** How many schools carry each flag. */
export function countFlags(schools: SchoolRow[]) {
  return {
    over: schools.filter((school) => hasFlag(school, 'over')).length,
    noPrincipal: schools.filter((school) => hasFlag(school, 'noPrincipal')).length,
    marked: schools.filter((school) => hasFlag(school, 'marked')).length,
  };
}
