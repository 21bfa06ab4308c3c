import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { collectStatsSql } from '../profiles/stats.sql.js';
import { waveStats } from '../profiles/wave-stats.js';
import { answersPurged } from '../db/answers-purged.js';
import { conflict } from '../shared/errors.js';
import { scoreProfile } from '../scoring/engine.js';
import type { CollectedStats, Profile, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import type { Caller } from '../territory/scope.js';
import { schoolIdsInScope } from '../territory/schools.repository.js';
import { listWaveSchoolsInScope, type WaveSchool } from '../territory/wave-roster.js';
import type { FactorLevels } from './methodology.schemas.js';

/** A wave's schools scored by one model, with the statistics they were scored from. */
export interface WaveScores {
  model: RiskModel;
  schools: WaveSchool[];
  stats: Map<number, CollectedStats>;
  profiles: Profile[];
}

const NO_RESPONSES: CollectedStats = { responses: Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>, indicators: {} };

/** The wave's schools that the caller may see, scored by `model` from the wave's counted answers. */
export async function waveScores(db: Db, wave: WaveInRegion, caller: Caller, model: RiskModel): Promise<WaveScores> {
  const [schools, stats] = await Promise.all([
    listWaveSchoolsInScope(db, wave, caller),
    waveStats(db, model, wave.id, schoolIdsInScope(db, wave.region_id, caller)),
  ]);
  return { model, schools, stats, profiles: scoreSchools(model, schools, stats) };
}

/**
 * The same schools scored by another model. The statistics are reused when they can be: they hold what each answer
 * contributes, which an indicator's questions, `values` and `risk` decide, while weights, anchors, levels and
 * minimum rates act on them afterwards (docs/methodology.md §2).
 */
export async function rescore(db: Db, wave: WaveInRegion, caller: Caller, scores: WaveScores, model: RiskModel): Promise<Profile[]> {
  if (!sameContributions(scores.model, model) && (await answersPurged(db, wave.id))) {
    // What was kept of a purged wave holds the contributions of its own model only.
    throw conflict('wave_answers_purged', 'The wave’s answers were deleted under the retention period; only its own model’s figures were kept');
  }
  const stats = sameContributions(scores.model, model) ? scores.stats : await collectStatsSql(db, model, wave.id, schoolIdsInScope(db, wave.region_id, caller));
  return scoreSchools(model, scores.schools, stats);
}

/** Fields that act after an answer's contribution is counted, or not at all. */
const NOT_COUNTED = new Set(['weight', 'best', 'worst', 'title', 'description']);

function sameContributions(a: RiskModel, b: RiskModel): boolean {
  const counted = (model: RiskModel) =>
    new Map(model.factors.flatMap((f) => f.indicators.map((ind) => [ind.id, Object.entries(ind).filter(([key]) => !NOT_COUNTED.has(key))] as const)));
  const [x, y] = [counted(a), counted(b)];
  return [...y].every(([id, fields]) => isDeepStrictEqual(x.get(id), fields));
}

function scoreSchools(model: RiskModel, schools: WaveSchool[], stats: Map<number, CollectedStats>): Profile[] {
  return schools.map((school) => {
    const s = stats.get(school.ref.id) ?? NO_RESPONSES;
    return scoreProfile(model, school.expected, s.responses, s.indicators);
  });
}

/**
 * Per factor, the schools at each level under `current` and under `proposed` (the profiles of the same schools in
 * the same order), and the schools whose level differs. Factors are matched by id: the draft's in its order, then
 * any the current model has and the draft does not.
 */
export function compareLevels(
  schools: WaveSchool[],
  current: { model: RiskModel; profiles: Profile[] },
  proposed: { model: RiskModel; profiles: Profile[] },
): FactorLevels[] {
  const ids = [...new Set([...proposed.model.factors.map((f) => f.id), ...current.model.factors.map((f) => f.id)])];
  return ids.map((id) => {
    const c = current.model.factors.findIndex((f) => f.id === id);
    const p = proposed.model.factors.findIndex((f) => f.id === id);
    const changed =
      c === -1 || p === -1
        ? []
        : schools.flatMap((school, i) => {
            const [from, to] = [current.profiles[i]!.factors[c]!, proposed.profiles[i]!.factors[p]!];
            return from.level === to.level
              ? []
              : [
                  {
                    school: { id: school.ref.id, code: school.ref.code, name: school.ref.name },
                    from: from.level,
                    to: to.level,
                    scoreFrom: from.score,
                    scoreTo: to.score,
                  },
                ];
          });
    return {
      id,
      title: (proposed.model.factors[p] ?? current.model.factors[c])!.title,
      current: c === -1 ? null : countLevels(current.profiles, c),
      proposed: p === -1 ? null : countLevels(proposed.profiles, p),
      changed,
    };
  });
}

function countLevels(profiles: Profile[], factorIndex: number) {
  const counts = { low: 0, medium: 0, high: 0, insufficient: 0 };
  for (const p of profiles) counts[p.factors[factorIndex]!.level] += 1;
  return counts;
}
