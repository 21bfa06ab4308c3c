import type { SchoolRow } from './api';

export type FlagFilter = 'any' | 'over' | 'noPrincipal' | 'fast';

export function hasFlag(school: SchoolRow, flag: FlagFilter): boolean {
  switch (flag) {
    case 'any':
      return true;
    case 'over':
      return school.flags.overExpected.length > 0;
    case 'noPrincipal':
      return school.flags.noPrincipal;
    case 'fast':
      return school.flags.fastResponses > 0;
  }
}

/** How many schools carry each flag. */
export function countFlags(schools: SchoolRow[]) {
  return {
    over: schools.filter((school) => hasFlag(school, 'over')).length,
    noPrincipal: schools.filter((school) => hasFlag(school, 'noPrincipal')).length,
    fast: schools.filter((school) => hasFlag(school, 'fast')).length,
  };
}
