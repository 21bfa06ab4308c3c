import type { RegionScores } from '../profiles/region-profiles-cache.js';
import type { SchoolComparisons } from './comparisons.schemas.js';
import { distributionOf } from './distribution.js';
import { similarSchools, type ContextFacts } from './similar-schools.js';

/**
 * One school's factors beside its region's and its similar schools' (docs/methodology.md §13), from the profiles of
 * every school of the wave's region. Only scores count: a school whose factor is insufficient is no part of that
 * factor's distribution.
 */
export function compareSchool(region: RegionScores, schoolId: number, context: ReadonlyMap<number, ContextFacts>): Omit<SchoolComparisons, 'wave'> {
  const own = region.profiles.find((p) => p.school.id === schoolId);
  if (!own) throw new Error(`School ${schoolId} has no profile in wave ${region.wave.id}`);
  const ids = region.profiles.map((p) => p.school.id);
  const group = similarSchools(schoolId, ids, context);
  const members = new Set(group.members);
  const scoresOf = (f: number, only?: ReadonlySet<number>) =>
    region.profiles.flatMap((p) => {
      const score = p.factors[f]!.score;
      return score !== null && (!only || only.has(p.school.id)) ? [score] : [];
    });
  return {
    school: own.school,
    regionSchools: ids.length,
    similar: { rule: group.rule, contextYear: context.get(schoolId)?.year ?? null, schools: members.size },
    factors: own.factors.map((factor, f) => ({
      id: factor.id,
      title: factor.title,
      score: factor.score,
      level: factor.level,
      region: distributionOf(scoresOf(f)),
      similar: group.rule.kind === 'none' ? null : distributionOf(scoresOf(f, members)),
    })),
  };
}
