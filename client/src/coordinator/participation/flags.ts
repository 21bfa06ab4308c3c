import type { SchoolRow } from './api';

export type FlagFilter = 'any' | 'over' | 'noPrincipal' | 'marked';

export function hasFlag(school: SchoolRow, flag: FlagFilter): boolean {
  switch (flag) {
    case 'any':
      return true;
    case 'over':
      return school.flags.overExpected.length > 0;
    case 'noPrincipal':
      return school.flags.noPrincipal;
    case 'marked':
      return school.flags.awaitingDecision.length > 0 || school.flags.thanksToMarked.length > 0;
  }
}

/** How many schools carry each flag. */
export function countFlags(schools: SchoolRow[]) {
  return {
    over: schools.filter((school) => hasFlag(school, 'over')).length,
    noPrincipal: schools.filter((school) => hasFlag(school, 'noPrincipal')).length,
    marked: schools.filter((school) => hasFlag(school, 'marked')).length,
  };
}
