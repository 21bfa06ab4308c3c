import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { collectStatsSql } from '../profiles/stats.sql.js';
import { storedModel } from '../risk-models/stored-model.js';
import { scoreProfile } from '../scoring/engine.js';
import type { CollectedStats, Profile, RiskModel } from '../scoring/model.js';
import { badRequest } from '../shared/errors.js';
import { ROLES, type Role } from '../shared/roles.js';
import { isAnonymous } from '../shared/rules/min-group.js';
import type { Caller } from '../territory/scope.js';
import { schoolIdsInScope } from '../territory/schools.repository.js';
import { listWaveSchoolsInScope, type WaveSchool } from '../territory/wave-roster.js';
import { anchorsOf, withAnchors, type AnchorChange } from './anchors.js';
import type { CalibrationIndicator, CalibrationView, FactorLevels } from './methodology.schemas.js';
import { CALIBRATION, percentilesOf, proposeAnchors } from './proposal.js';

const HISTOGRAM_BINS = 10;

/** A wave's schools scored by its pinned model, and the statistics to score them by another version of it. */
interface WaveScores {
  model: RiskModel;
  schools: WaveSchool[];
  stats: Map<number, CollectedStats>;
  profiles: Profile[];
}

const NO_RESPONSES: CollectedStats = { responses: Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>, indicators: {} };

async function waveScores(db: Db, wave: WaveInRegion, caller: Caller): Promise<WaveScores> {
  const model = await storedModel(db, wave.model_id);
  const [schools, stats] = await Promise.all([
    listWaveSchoolsInScope(db, wave, caller),
    collectStatsSql(db, model, wave.id, schoolIdsInScope(db, wave.region_id, caller)),
  ]);
  return { model, schools, stats, profiles: score(model, schools, stats) };
}

function score(model: RiskModel, schools: WaveSchool[], stats: Map<number, CollectedStats>): Profile[] {
  return schools.map((school) => {
    const s = stats.get(school.ref.id) ?? NO_RESPONSES;
    return scoreProfile(model, school.expected, s.responses, s.indicators);
  });
}

export function minAnswersOf(role: Role): number {
  return isAnonymous(role) ? CALIBRATION.minAnswers.anonymous : CALIBRATION.minAnswers.principal;
}

/**
 * The calibration view of a wave (docs/methodology.md §9): per indicator the percentiles of the schools' values
 * under the pinned model and the draft anchors, per factor the schools by level now and with the draft.
 */
export async function calibrationOf(db: Db, wave: WaveInRegion, caller: Caller): Promise<CalibrationView> {
  const scores = await waveScores(db, wave, caller);
  const { model, profiles } = scores;
  const indicators = model.factors.flatMap((factor, f) =>
    factor.indicators.map((indicator, i): CalibrationIndicator => {
      const results = profiles.map((p) => p.factors[f]!.indicators[i]!);
      const withValue = results.filter((r) => r.value !== null);
      const minAnswers = minAnswersOf(indicator.role);
      const values = withValue.filter((r) => r.n >= minAnswers).map((r) => r.value!);
      const current = anchorsOf(indicator);
      const proposal = current ? proposeAnchors(values, current) : ('no-anchors' as const);
      return {
        id: indicator.id,
        factorId: factor.id,
        title: indicator.title ?? null,
        role: indicator.role,
        kind: indicator.kind,
        current,
        schoolsWithValue: withValue.length,
        schoolsUsed: values.length,
        minAnswers,
        percentiles: current && values.length > 0 ? percentilesOf(values) : null,
        proposed: typeof proposal === 'string' ? null : proposal,
        reason: typeof proposal === 'string' ? proposal : null,
        histogram: current && values.length > 0 ? histogram(values) : null,
      };
    }),
  );
  const proposed = indicators.flatMap((ind) => (ind.proposed ? [{ indicatorId: ind.id, ...ind.proposed }] : []));
  return {
    wave: { id: wave.id, title: wave.title },
    model: { id: model.id, title: model.title },
    schools: scores.schools.length,
    rule: { minSchools: CALIBRATION.minSchools, best: CALIBRATION.best, worst: CALIBRATION.worst },
    indicators,
    factors: levelsWith(scores, proposed).factors,
  };
}

/** The schools by level of each factor under the pinned model and under it with `anchors` as an administrator edited them. */
export async function levelsPreview(db: Db, wave: WaveInRegion, caller: Caller, anchors: readonly AnchorChange[]) {
  const { problems } = withAnchors(await storedModel(db, wave.model_id), anchors);
  if (problems.length > 0) throw badRequest('anchors_invalid', `The anchors cannot be applied: ${problems.join('; ')}`, { problems });
  return levelsWith(await waveScores(db, wave, caller), anchors);
}

function levelsWith(scores: WaveScores, anchors: readonly AnchorChange[]): { schools: number; factors: FactorLevels[] } {
  const { model: changed } = withAnchors(scores.model, anchors);
  const proposed = score(changed, scores.schools, scores.stats);
  const factors = scores.model.factors.map((factor, f) => ({
    id: factor.id,
    title: factor.title,
    current: countLevels(scores.profiles, f),
    proposed: countLevels(proposed, f),
  }));
  return { schools: scores.schools.length, factors };
}

function countLevels(profiles: Profile[], factorIndex: number) {
  const counts = { low: 0, medium: 0, high: 0, insufficient: 0 };
  for (const p of profiles) counts[p.factors[factorIndex]!.level] += 1;
  return counts;
}

function histogram(values: number[]) {
  const from = Math.min(...values);
  const to = Math.max(...values);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (to - from) / HISTOGRAM_BINS;
  for (const v of values) counts[width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((v - from) / width)) : 0]! += 1;
  return { from, to, counts };
}
