import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { prioritiesOfSchools } from '../priorities/priorities.repository.js';
import { waveProfiles } from '../profiles/profiles.js';
import { comparedWaves } from '../region-picture/compared-waves.js';
import { compareSchools } from '../region-picture/region-picture.js';
import { POSITIVE_CHANGE_TARGET } from '../region-picture/region-picture.schemas.js';
import type { Caller } from '../territory/scope.js';
import { measureFacts, programmesOfSchools } from './monitoring.repository.js';
import type { ChangeShare, ConfirmedChange, SchoolConfirmation } from './monitoring.schemas.js';
import { groupBy } from './group-by.js';
import { missReasons, shareOf, surveyPositive } from './rules.js';

/**
 * docs/methodology.md §11 for the schools of `later` the caller sees: the survey's positive change against `earlier`,
 * compared exactly as the region's picture compares, and whether the programmes of `earlier`'s priorities confirm
 * it. The caller has checked the two waves may be compared and their figures are out.
 */
export async function confirmedChange(db: Db, caller: Caller, later: WaveInRegion, earlier: WaveInRegion): Promise<ConfirmedChange> {
  const current = await waveProfiles(db, later, caller);
  const compared = await comparedWaves(db, caller, later, current, earlier);
  const comparisons = compareSchools(compared);
  const schoolIds = current.profiles.map((p) => p.school.id);
  const priorities = await prioritiesOfSchools(db, earlier.id, schoolIds);
  const programmes = await programmesOfSchools(db, earlier.id, schoolIds);
  const programmesOf = groupBy(programmes, (p) => p.school_id);
  const measuresOf = groupBy(
    await measureFacts(
      db,
      programmes.map((p) => p.id),
    ),
    (m) => m.programme_id,
  );

  const schools = current.profiles.map(({ school }): SchoolConfirmation => {
    const survey = surveyPositive(comparisons.get(school.id));
    const work = (priorities.get(school.id) ?? []).map((factorId) => {
      const programme = programmesOf.get(school.id)?.find((p) => p.factor_id === factorId);
      return programme ? { state: programme.state, measures: measuresOf.get(programme.id) ?? [] } : null;
    });
    const reasons = missReasons(survey, work);
    return {
      schoolId: school.id,
      code: school.code,
      name: school.name,
      municipality: school.municipality.name,
      surveyPositive: survey,
      confirmed: reasons.length === 0,
      reasons,
    };
  });
  const share = (counts: (s: SchoolConfirmation) => boolean): ChangeShare => {
    const count = schools.filter(counts).length;
    return { count, total: schools.length, share: shareOf(count, schools.length), missing: schools.filter((s) => !counts(s)).map((s) => s.schoolId) };
  };
  return {
    earlier: compared.earlier.wave,
    later: compared.later.wave,
    target: POSITIVE_CHANGE_TARGET,
    surveyOnly: share((s) => s.surveyPositive === true),
    confirmed: share((s) => s.confirmed),
    schools,
  };
}
