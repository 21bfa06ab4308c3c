import type { RegionScores } from '../profiles/region-profiles-cache.js';
import type { Measure, Scatter } from './context-scatter.schemas.js';
import { MIN_SCHOOLS_FOR_R, pearson } from './pearson.js';
import type { ResultKey } from './results.repository.js';

interface ResultRow {
  school_id: number;
  mean_score: number | null;
  share_2: number | null;
}

/**
 * Each school of the wave's profiles beside its result: a point where the school has both the factor's score and the
 * measure, a counted gap where it lacks either. A factor of level `insufficient` has no score to plot
 * (docs/methodology.md §2); an open wave's scores never get here (the route refuses them, §6 rule 2).
 */
export function scatter(
  profiles: RegionScores,
  factor: { id: string; title: string },
  result: ResultKey & { year: number | null; measure: Measure },
  results: readonly ResultRow[],
  municipalityId: number | null,
): Scatter {
  const municipalities = [...new Map(profiles.profiles.map((p) => [p.school.municipality.id, p.school.municipality])).values()];
  const values = new Map(results.map((r) => [r.school_id, result.measure === 'mean' ? r.mean_score : r.share_2]));
  const shown = profiles.profiles.filter((p) => municipalityId === null || p.school.municipality.id === municipalityId);
  const schools = shown.map((p) => {
    const cell = p.factors.find((f) => f.id === factor.id);
    return { school: p.school, score: cell?.score ?? null, level: cell?.level ?? 'insufficient', value: values.get(p.school.id) ?? null };
  });
  const pairs = schools.flatMap((s) => (s.score !== null && s.value !== null ? [[s.value, s.score] as const] : []));
  return {
    wave: profiles.wave,
    factor,
    result,
    municipalities,
    schools,
    plotted: pairs.length,
    notPlotted: {
      total: schools.length - pairs.length,
      noScore: schools.filter((s) => s.score === null).length,
      noResult: schools.filter((s) => s.value === null).length,
    },
    correlation: { r: pearson(pairs), n: pairs.length, minSchools: MIN_SCHOOLS_FOR_R },
  };
}
