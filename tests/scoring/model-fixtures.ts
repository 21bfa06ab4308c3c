import { ROLES, type Role } from '../../server/shared/roles.js';
import { computeProfile } from '../../server/scoring/engine.js';
import type { Answers, Factor, FactorResult, Indicator, Profile, RiskModel } from '../../server/scoring/model.js';

/** A model with one factor per call site; levels and minRate are the methodology's defaults. */
export function modelWith(indicators: Indicator[], overrides: Partial<RiskModel> = {}, factor: Partial<Factor> = {}): RiskModel {
  return {
    id: 'test-model',
    title: 'Тестовая модель',
    levels: { medium: 0.34, high: 0.67 },
    minRate: 0.5,
    factors: [{ id: 'F', title: 'Фактор', indicators, ...factor }],
    ...overrides,
  };
}

export function byRole<T>(values: Partial<Record<Role, T>>, fallback: T): Record<Role, T> {
  return Object.fromEntries(ROLES.map((role) => [role, values[role] ?? fallback])) as Record<Role, T>;
}

/**
 * Profile where, unless `expected` says otherwise, every role's expected count equals its
 * responses (rate 1), so a test only spells out participation when it is the point.
 */
export function profileOf(model: RiskModel, responses: Partial<Record<Role, Answers[]>>, expected: Partial<Record<Role, number>> = {}): Profile {
  const all = byRole(responses, []);
  const counts = Object.fromEntries(ROLES.map((role) => [role, all[role].length]));
  return computeProfile(model, byRole({ ...counts, ...expected }, 0), all);
}

export function onlyFactor(profile: Profile): FactorResult {
  const [factor] = profile.factors;
  if (!factor || profile.factors.length !== 1) throw new Error('expected exactly one factor');
  return factor;
}

/** The answers of one question, one response per element. */
export function answersTo(question: string, values: unknown[]): Answers[] {
  return values.map((value) => (value === undefined ? {} : { [question]: value }));
}
