/**
 * The participation table's filters, one rule for the screen and for its export: what the coordinator sees filtered
 * is what the file holds.
 */

export const SCHOOL_FLAGS = ['any', 'over', 'noPrincipal', 'marked'] as const;
export type FlagFilter = (typeof SCHOOL_FLAGS)[number];

export interface SchoolFilter {
  municipalityId?: number | null;
  /** Part of the school's name or code, any case. */
  search?: string;
  /** Only schools short of the target. */
  lagging?: boolean;
  flag?: FlagFilter;
}

/** What a school row carries that the filters read. */
export interface FilteredSchool {
  code: string;
  name: string;
  municipalityId: number;
  meetsTarget: boolean;
  flags: { overExpected: readonly unknown[]; noPrincipal: boolean; awaitingDecision: readonly unknown[]; thanksToMarked: readonly unknown[] };
}

export function hasFlag(school: FilteredSchool, flag: FlagFilter): boolean {
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

export function matchesFilter(school: FilteredSchool, filter: SchoolFilter): boolean {
  const needle = (filter.search ?? '').trim().toLocaleLowerCase('ru');
  return (
    (filter.municipalityId == null || school.municipalityId === filter.municipalityId) &&
    (!filter.lagging || !school.meetsTarget) &&
    hasFlag(school, filter.flag ?? 'any') &&
    (!needle || school.name.toLocaleLowerCase('ru').includes(needle) || school.code.toLocaleLowerCase('ru').includes(needle))
  );
}
