import type { WaveProfilesBody } from '../profiles/schemas.js';
import { compareProfiles, type Comparison } from '../dynamics/compare.js';
import { changeShare, factorSummaries } from '../shared/rules/region-picture-filter.js';
import { POSITIVE_CHANGE_TARGET, type RegionPicture } from './region-picture.schemas.js';

export interface ComparedWaves {
  earlier: WaveProfilesBody;
  later: WaveProfilesBody;
  /** The factors both waves' models measure alike (docs/methodology.md §4); only they can show a change. */
  measuredAlike: ReadonlySet<string>;
}

/**
 * The coordinator's picture of a wave: every school × factor level, how many schools stand at each
 * level of each factor, what schools chose to work on, and — against a second wave — the share of
 * schools with positive change (docs/methodology.md §4). Every school of the territory counts in that share:
 * a school without comparable data has not shown a change.
 */
export function regionPicture(current: WaveProfilesBody, priorities: Map<number, string[]>, compared: ComparedWaves | null): RegionPicture {
  const modelFactors = current.profiles[0]?.factors ?? [];
  const comparisons = compared ? compareSchools(compared) : null;

  const schools = current.profiles.map((p) => ({
    school: p.school,
    cells: p.factors.map((f) => ({ factorId: f.id, score: f.score, level: f.level })),
    priorities: priorities.get(p.school.id) ?? [],
    positiveChange: comparisons ? (comparisons.get(p.school.id)?.positiveChange ?? false) : null,
  }));

  return {
    wave: current.wave,
    model: current.model,
    factors: factorSummaries(modelFactors, schools),
    schools,
    dynamics:
      compared &&
      changeShare(
        { earlier: compared.earlier.wave, later: compared.later.wave, schools: 0, positive: 0, share: null, target: POSITIVE_CHANGE_TARGET },
        schools,
      ),
  };
}

/**
 * Each school of the later wave against its own profile of the earlier one (docs/methodology.md §4); a school the
 * earlier wave did not have is compared with nothing, and so shows no change.
 */
export function compareSchools({ earlier, later, measuredAlike }: ComparedWaves): Map<number, Comparison> {
  const before = new Map(earlier.profiles.map((p) => [p.school.id, p.factors]));
  const alike = (id: string) => measuredAlike.has(id);
  return new Map(later.profiles.map((p) => [p.school.id, compareProfiles(before.get(p.school.id) ?? [], p.factors, alike)]));
}
