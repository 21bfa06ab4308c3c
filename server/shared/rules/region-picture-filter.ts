import type { RegionPicture } from '../../region-picture/region-picture.schemas.js';

/**
 * The region picture's municipality filter, one rule for the screen, its summary cards and its export: the schools
 * left, the counts of each factor's levels over them, and the share of positive change among them.
 */
export function narrowPicture(picture: RegionPicture, municipalityId: number | null | undefined): RegionPicture {
  if (municipalityId == null) return picture;
  const schools = picture.schools.filter((row) => row.school.municipality.id === municipalityId);
  return { ...picture, schools, factors: factorSummaries(picture.factors, schools), dynamics: picture.dynamics && changeShare(picture.dynamics, schools) };
}

type Factor = Pick<RegionPicture['factors'][number], 'id' | 'title'>;

/** How many of `schools` stand at each level of each factor, and how many chose it as a priority. */
export function factorSummaries(factors: readonly Factor[], schools: RegionPicture['schools']): RegionPicture['factors'] {
  return factors.map((factor, i) => {
    const summary = { id: factor.id, title: factor.title, low: 0, medium: 0, high: 0, insufficient: 0, prioritised: 0 };
    for (const row of schools) {
      summary[row.cells[i].level] += 1;
      if (row.priorities.includes(factor.id)) summary.prioritised += 1;
    }
    return summary;
  });
}

/** Every school counts in the share (docs/methodology.md §4): one without comparable data has not shown a change. */
export function changeShare<D extends { schools: number; positive: number; share: number | null }>(dynamics: D, schools: RegionPicture['schools']): D {
  const positive = schools.filter((s) => s.positiveChange === true).length;
  return { ...dynamics, schools: schools.length, positive, share: schools.length > 0 ? positive / schools.length : null };
}
