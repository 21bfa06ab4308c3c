import { ROLES, type Role } from '../shared/roles.js';
import { isAnonymous, MIN_GROUP } from '../shared/rules/min-group.js';
import { contributionOf } from './answers.js';
import { isBorderline, riskSd, scoreInterval, square, valueSe } from './uncertainty.js';
import {
  DEFAULT_MIN_RATE,
  type Answers,
  type CollectedStats,
  type Factor,
  type FactorResult,
  type Indicator,
  type IndicatorResult,
  type IndicatorStat,
  type IndicatorStats,
  type Level,
  type Levels,
  type MinRate,
  type Profile,
  type RateIndicator,
  type RiskModel,
  type RoleParticipation,
} from './model.js';

/** Below this share of the factor's weight the data can't carry a verdict (docs/methodology.md §2). */
const MIN_COVERAGE = 0.5;

const NO_ANSWERS: IndicatorStat = { n: 0, sum: 0, sumSq: 0 };

/** Stage 1: reduce raw responses to per-indicator sufficient statistics. */
export function collectStats(model: RiskModel, responses: Record<Role, Answers[]>): CollectedStats {
  const indicators: IndicatorStats = {};
  for (const indicator of allIndicators(model)) {
    const contribution = contributionOf(indicator);
    const stat = { n: 0, sum: 0, sumSq: 0 };
    for (const answers of responses[indicator.role]) {
      const c = contribution(answers);
      if (c === null) continue;
      stat.n += 1;
      stat.sum += c;
      stat.sumSq += square(c);
    }
    indicators[indicator.id] = stat;
  }
  return { responses: byRole((role) => responses[role].length), indicators };
}

/** Statistics of two disjoint sets of responses → statistics of their union. */
export function mergeStats(a: CollectedStats, b: CollectedStats): CollectedStats {
  const indicators: IndicatorStats = {};
  for (const id of new Set([...Object.keys(a.indicators), ...Object.keys(b.indicators)])) {
    const x = a.indicators[id] ?? NO_ANSWERS;
    const y = b.indicators[id] ?? NO_ANSWERS;
    indicators[id] = { n: x.n + y.n, sum: x.sum + y.sum, sumSq: x.sumSq + y.sumSq };
  }
  return { responses: byRole((role) => a.responses[role] + b.responses[role]), indicators };
}

/**
 * Stage 2: statistics → profile. An indicator absent from `stats` has no answers, so a
 * SQL aggregate may omit indicators nobody answered.
 */
export function scoreProfile(model: RiskModel, expected: Record<Role, number>, responseCounts: Record<Role, number>, stats: IndicatorStats): Profile {
  const roles = byRole((role) => participation(role, expected[role], responseCounts[role], minRateFor(model.minRate, role)));
  const factors = model.factors.map((factor) => scoreFactor(factor, model.levels, roles, stats));
  return { modelId: model.id, roles, factors };
}

export function computeProfile(model: RiskModel, expected: Record<Role, number>, responses: Record<Role, Answers[]>): Profile {
  const stats = collectStats(model, responses);
  return scoreProfile(model, expected, stats.responses, stats.indicators);
}

/** docs/methodology.md §2 "Which roles count": the rate, and for an anonymous role the minimum group too. */
function participation(role: Role, expected: number, responses: number, minRate: number): RoleParticipation {
  const rate = expected > 0 ? responses / expected : null;
  const enough = !isAnonymous(role) || responses >= MIN_GROUP;
  return { expected, responses, rate, reportable: rate !== null && rate >= minRate && enough };
}

function minRateFor(minRate: MinRate, role: Role): number {
  return typeof minRate === 'number' ? minRate : (minRate[role] ?? DEFAULT_MIN_RATE);
}

function scoreFactor(factor: Factor, modelLevels: Levels, roles: Record<Role, RoleParticipation>, stats: IndicatorStats): FactorResult {
  const indicators = factor.indicators.map((indicator) => withSe(indicator, roles[indicator.role], stats[indicator.id] ?? NO_ANSWERS));
  let totalWeight = 0;
  let presentWeight = 0;
  let weightedRisk = 0;
  for (const { weight, risk } of indicators) {
    totalWeight += weight;
    if (risk === null) continue;
    presentWeight += weight;
    weightedRisk += weight * risk;
  }
  const coverage = totalWeight > 0 ? presentWeight / totalWeight : 0;
  const base = { id: factor.id, title: factor.title, coverage, indicators };
  if (coverage < MIN_COVERAGE) return { ...base, score: null, level: 'insufficient', interval: null, borderline: false };
  const score = weightedRisk / presentWeight;
  const levels = factor.levels ?? modelLevels;
  const interval = scoreInterval(score, presentRiskSds(factor, indicators));
  return { ...base, score, level: levelOf(score, levels), interval, borderline: isBorderline(interval, levels) };
}

/** docs/methodology.md §8: an indicator's result with the standard error of its value, null wherever the value is. */
function withSe(indicator: Indicator, role: RoleParticipation, stat: IndicatorStat): IndicatorResult {
  const result = scoreIndicator(indicator, role, stat);
  return { ...result, se: result.value === null ? null : valueSe(indicator.kind, stat, role.expected) };
}

/** The weight and risk spread of each indicator that has a risk, for the factor's interval. */
function presentRiskSds(factor: Factor, results: IndicatorResult[]) {
  return factor.indicators.flatMap((indicator, i) => {
    const { value, se, weight } = results[i]!;
    return value === null || se === null ? [] : [{ weight, riskSd: riskSd(value, se, (v) => riskOf(indicator, v)) }];
  });
}

function scoreIndicator(indicator: Indicator, role: RoleParticipation, { n, sum }: IndicatorStat): Omit<IndicatorResult, 'se'> {
  if (indicator.kind === 'rate') return scoreRate(indicator, role);
  const base = { id: indicator.id, role: indicator.role, kind: indicator.kind, weight: indicator.weight, n };
  if (!role.reportable) return { ...base, value: null, risk: null, missing: 'role-not-reportable' };
  if (n === 0) return { ...base, value: null, risk: null, missing: 'no-answers' };
  // A value of fewer anonymous answers would let a reader who knows all but one of them work out the last.
  if (isAnonymous(indicator.role) && n < MIN_GROUP) return { ...base, value: null, risk: null, missing: 'too-few-answers' };
  const value = sum / n;
  return { ...base, value, risk: riskOf(indicator, value), missing: null };
}

/**
 * A role's participation, counted rather than answered: it tells of no respondent, so neither the role's
 * reportability nor the minimum group applies (docs/methodology.md §2).
 */
function scoreRate(indicator: RateIndicator, { responses, rate }: RoleParticipation): Omit<IndicatorResult, 'se'> {
  const base = { id: indicator.id, role: indicator.role, kind: indicator.kind, weight: indicator.weight, n: responses };
  if (rate === null) return { ...base, value: null, risk: null, missing: 'no-roster' };
  return { ...base, value: rate, risk: riskOf(indicator, rate), missing: null };
}

function riskOf(indicator: Indicator, value: number): number {
  switch (indicator.kind) {
    case 'choice':
      return value;
    case 'share':
      return scale(value, indicator.best ?? 0, indicator.worst ?? 1);
    case 'mean':
    case 'ratio':
    case 'rate':
      return scale(value, indicator.best, indicator.worst);
  }
}

/** 0 at `best`, 1 at `worst`, bounded to [0, 1]; works either way round. */
function scale(value: number, best: number, worst: number): number {
  return Math.min(1, Math.max(0, (value - best) / (worst - best)));
}

function levelOf(score: number, levels: Levels): Level {
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
}

function allIndicators(model: RiskModel): Indicator[] {
  return model.factors.flatMap((factor) => factor.indicators);
}

function byRole<T>(f: (role: Role) => T): Record<Role, T> {
  return Object.fromEntries(ROLES.map((role) => [role, f(role)])) as Record<Role, T>;
}
