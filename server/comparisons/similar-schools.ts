import type { Settlement } from '../db/schema.js';
import { percentile } from '../methodology/percentiles.js';

/** What a school's latest context row says, as far as the choice of similar schools needs it. */
export interface ContextFacts {
  year: number;
  socialIndex: number | null;
  settlement: Settlement | null;
  students: number | null;
}

export type SizeBand = 'small' | 'medium' | 'large';

/** Students up to which a school is small, then medium (docs/methodology.md §13). */
export const SIZE_BANDS = { small: 150, medium: 500 } as const;

export type SimilarRule =
  | { kind: 'social-index'; band: number; bands: number; from: number | null; to: number | null }
  | { kind: 'size-settlement'; settlement: Settlement; size: SizeBand }
  | { kind: 'none' };

/** At most quarters; fewer bands where the region has too few indices for five schools a band. */
const MAX_BANDS = 4;
const SCHOOLS_PER_BAND = 5;

export interface SimilarGroup {
  rule: SimilarRule;
  /** The schools of the group, the school itself included; empty for `none`. */
  members: number[];
}

export function sizeBandOf(students: number): SizeBand {
  return students <= SIZE_BANDS.small ? 'small' : students <= SIZE_BANDS.medium ? 'medium' : 'large';
}

/**
 * The schools like `schoolId` among `schools` (docs/methodology.md §13): with a social index, those in the same band
 * of the indices of all `schools` that have one — quarters, or as many equal bands as give five schools a band when
 * there are fewer than twenty indices; without it, those of the same settlement type and size
 * band; with neither, none. The rule is chosen by the school's own data and is never relaxed when its group turns
 * out small: a comparison from fewer than five schools is withheld instead.
 */
export function similarSchools(schoolId: number, schools: readonly number[], facts: ReadonlyMap<number, ContextFacts>): SimilarGroup {
  const own = facts.get(schoolId);
  if (own?.socialIndex != null) {
    const indices = schools.map((id) => facts.get(id)?.socialIndex).filter((x): x is number => x != null);
    const bands = Math.max(1, Math.min(MAX_BANDS, Math.floor(indices.length / SCHOOLS_PER_BAND)));
    const cuts = Array.from({ length: bands - 1 }, (_, j) => percentile(indices, (j + 1) / bands));
    const bandOf = (x: number) => 1 + cuts.filter((cut) => x > cut).length;
    const band = bandOf(own.socialIndex);
    const members = schools.filter((id) => {
      const x = facts.get(id)?.socialIndex;
      return x != null && bandOf(x) === band;
    });
    return { rule: { kind: 'social-index', band, bands, from: cuts[band - 2] ?? null, to: cuts[band - 1] ?? null }, members };
  }
  if (own?.settlement != null && own.students != null) {
    const settlement = own.settlement;
    const size = sizeBandOf(own.students);
    const members = schools.filter((id) => {
      const f = facts.get(id);
      return f?.settlement === settlement && f.students != null && sizeBandOf(f.students) === size;
    });
    return { rule: { kind: 'size-settlement', settlement, size }, members };
  }
  return { rule: { kind: 'none' }, members: [] };
}
