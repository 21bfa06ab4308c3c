import { curatorsOf } from '../curators/curators.repository.js';
import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { prioritiesOfSchools } from '../priorities/priorities.repository.js';
import { factorTitle, isOverdue } from '../programmes/programme-view.js';
import { storedModel } from '../risk-models/stored-model.js';
import { dayOf } from '../shared/rules/zoned-days.js';
import { waveTerms } from '../shared/vocabulary.js';
import { seesWholeRegion, type Caller } from '../territory/scope.js';
import { listWaveSchoolsInScope } from '../territory/wave-roster.js';
import { measureFacts, openRemarks, programmesOfSchools, visitsSince } from './monitoring.repository.js';
import { OVERALL_STATES, type CuratorWork, type OverallState, type ProgrammesOverview } from './monitoring.schemas.js';
import { groupBy } from './group-by.js';
import { overallState, shareOf } from './rules.js';

/**
 * Where the schools of a wave the caller sees stand with their programmes: per school its priorities' programmes,
 * its overall state, overdue measures and unanswered remarks, and its curators; the share of schools with every
 * programme approved; and each curator's visits since the wave opened. Overdue is read on the region's day at `now`.
 */
export async function programmesOverview(db: Db, wave: WaveInRegion, caller: Caller, now = new Date()): Promise<ProgrammesOverview> {
  const today = dayOf(now, wave.time_zone);
  const since = dayOf(wave.opens_at, wave.time_zone);
  const model = await storedModel(db, wave.model_id);
  const schools = await listWaveSchoolsInScope(db, wave, caller);
  const schoolIds = schools.map((s) => s.ref.id);
  const priorities = await prioritiesOfSchools(db, wave.id, schoolIds);
  const programmes = await programmesOfSchools(db, wave.id, schoolIds);
  const programmeIds = programmes.map((p) => p.id);
  const measures = await measureFacts(db, programmeIds);
  const remarks = await openRemarks(db, programmeIds);
  const inWave = new Set(schoolIds);
  const curators = (await curatorsOf(db, wave.region_id))
    .map((c) => ({ ...c, schools: c.schools.filter((s) => inWave.has(s.id)) }))
    .filter((c) => c.schools.length > 0 || seesWholeRegion(caller));
  const curatorName = (c: { name: string; email: string }) => c.name || c.email;
  // Looked up once per school and per visit: a region has thousands of both.
  const curatorsOfSchool = new Map<number, string[]>();
  for (const c of curators) for (const s of c.schools) curatorsOfSchool.set(s.id, [...(curatorsOfSchool.get(s.id) ?? []), curatorName(c)]);
  const curatorSchools = new Map(curators.map((c) => [c.id, new Set(c.schools.map((s) => s.id))]));

  const programmesOf = groupBy(programmes, (p) => p.school_id);
  const measuresOf = groupBy(measures, (m) => m.programme_id);

  const rows = schools.map(({ ref }) => {
    const chosen = priorities.get(ref.id) ?? [];
    const own = programmesOf.get(ref.id) ?? [];
    const factorIds = [...chosen, ...own.map((p) => p.factor_id).filter((id) => !chosen.includes(id))];
    const cells = factorIds.map((factorId) => {
      const programme = own.find((p) => p.factor_id === factorId);
      return {
        factorId,
        factorTitle: factorTitle(model, factorId),
        priority: chosen.includes(factorId),
        programmeId: programme?.id ?? null,
        state: programme?.state ?? null,
      };
    });
    return {
      school: ref,
      priorities: chosen.length,
      programmes: cells,
      state: overallState(cells.filter((c) => c.priority).map((c) => c.state)),
      overdueMeasures: own.flatMap((p) => measuresOf.get(p.id) ?? []).filter((m) => isOverdue(m.status, m.deadline, today)).length,
      openRemarks: own.reduce((sum, p) => sum + (remarks.get(p.id) ?? 0), 0),
      curators: curatorsOfSchool.get(ref.id) ?? [],
    };
  });

  const states = Object.fromEntries(OVERALL_STATES.map((state) => [state, rows.filter((r) => r.state === state).length])) as Record<OverallState, number>;
  const visitsOf = groupBy(await visitsSince(db, schoolIds, since), (v) => v.curator_id);
  return {
    wave: waveTerms(wave),
    today,
    visitsSince: since,
    schools: rows,
    states,
    approvedShare: { approved: states.approved, total: rows.length, share: shareOf(states.approved, rows.length) },
    curators: curators.map((c): CuratorWork => {
      const own = (visitsOf.get(c.id) ?? []).filter((v) => curatorSchools.get(c.id)!.has(v.school_id));
      return {
        id: c.id,
        name: curatorName(c),
        schools: c.schools.map((s) => ({ id: s.id, code: s.code, name: s.name })),
        visitsPlanned: own.length,
        visitsMade: own.filter((v) => v.made_on !== null).length,
        visitsOverdue: own.filter((v) => v.made_on === null && v.planned_on < today).length,
      };
    }),
  };
}
