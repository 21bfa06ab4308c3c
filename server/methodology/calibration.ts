import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { storedModel } from '../risk-models/stored-model.js';
import type { Role } from '../shared/roles.js';
import { isAnonymous } from '../shared/rules/min-group.js';
import type { Caller } from '../territory/scope.js';
import { anchorsOf } from './anchors.js';
import { deriveModel } from './derivation.js';
import { compareLevels, rescore, waveScores } from './level-changes.js';
import type { CalibrationIndicator, CalibrationView } from './methodology.schemas.js';
import { CALIBRATION, percentilesOf, proposeAnchors } from './proposal.js';

const HISTOGRAM_BINS = 10;

export function minAnswersOf(role: Role): number {
  return isAnonymous(role) ? CALIBRATION.minAnswers.anonymous : CALIBRATION.minAnswers.principal;
}

/**
 * The calibration view of a wave (docs/methodology.md §9): per indicator the percentiles of the schools' values
 * under the pinned model and the draft anchors, per factor the schools by level now and with the draft.
 */
export async function calibrationOf(db: Db, wave: WaveInRegion, caller: Caller): Promise<CalibrationView> {
  const scores = await waveScores(db, wave, caller, await storedModel(db, wave.model_id));
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
  // The proposals are anchors the loader accepts (two different numbers), so the draft needs no check to be scored.
  const proposal = deriveModel(
    model,
    indicators.flatMap((ind) => (ind.proposed ? [{ kind: 'anchors' as const, indicatorId: ind.id, ...ind.proposed }] : [])),
  ).draft;
  return {
    wave: { id: wave.id, title: wave.title },
    model: { id: model.id, title: model.title },
    schools: scores.schools.length,
    rule: { minSchools: CALIBRATION.minSchools, best: CALIBRATION.best, worst: CALIBRATION.worst },
    indicators,
    factors: compareLevels(scores.schools, scores, { model: proposal, profiles: await rescore(db, wave, caller, scores, proposal) }),
  };
}

function histogram(values: number[]) {
  const from = Math.min(...values);
  const to = Math.max(...values);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (to - from) / HISTOGRAM_BINS;
  for (const v of values) counts[width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((v - from) / width)) : 0]! += 1;
  return { from, to, counts };
}
