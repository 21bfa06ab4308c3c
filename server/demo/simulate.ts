import type { Questionnaire, QuestionSpec } from '../surveys/questionnaires.js';
import { questionsOf } from '../scoring/answers.js';
import type { Answers, Indicator, RiskModel } from '../scoring/model.js';
import type { Role } from '../shared/roles.js';

/** A seeded generator, so the demo region looks the same on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DONT_KNOW = 'dont_know';
const pick = <T>(items: readonly T[], random: () => number) => items[Math.floor(random() * items.length)];
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The school's facts the principal reports as numbers; ratios are drawn around them. */
export interface SchoolFacts {
  students: number;
  teachers: number;
}

/**
 * An indicator a role answers, with how risky the school is on the indicator's factor: a propensity in
 * [0, 1]. Answers that the model scores as risky come with that probability, so simulated schools get
 * believable profiles, and a school can be high on some factors and low on others.
 */
export interface SimulatedIndicator {
  indicator: Indicator;
  propensity: number;
}

/** The school's propensity on each factor of the model, by factor id. */
export type Propensity = (factorId: string) => number;

/** Simulated answers of one respondent. */
export function simulateAnswers(questionnaire: Questionnaire, indicators: readonly SimulatedIndicator[], facts: SchoolFacts, random: () => number): Answers {
  const byQuestion = new Map<string, SimulatedIndicator>();
  for (const simulated of indicators) {
    const questions = questionsOf(simulated.indicator);
    // A ratio's numbers come from principalNumbers; a rate is the count of these answers, not one of them.
    if (questions.length === 1) byQuestion.set(questions[0], simulated);
  }
  const answers: Answers = {};
  const noisy = (propensity: number) => clamp01(propensity + (random() - 0.5) * 0.5);
  for (const spec of questionnaire.questions.values()) {
    if (random() < 0.03) continue;
    const values = spec.type === 'number' ? [] : [...spec.values];
    if (values.includes(DONT_KNOW) && random() < 0.05) {
      answers[spec.name] = spec.type === 'multi' ? [DONT_KNOW] : DONT_KNOW;
      continue;
    }
    const known = values.filter((v) => v !== DONT_KNOW);
    const simulated = byQuestion.get(spec.name);
    answers[spec.name] = simulated ? riskyAnswer(spec, simulated.indicator, known, noisy(simulated.propensity), random) : neutralAnswer(spec, known, random);
  }
  Object.assign(answers, principalNumbers(questionnaire, indicators, facts, random));
  return answers;
}

function neutralAnswer(spec: QuestionSpec, known: Array<string | number>, random: () => number): unknown {
  if (spec.type === 'number') return Math.round(spec.min + random() * (spec.max - spec.min));
  const choice = pick(known, random);
  return spec.type === 'multi' ? [choice] : choice;
}

function riskyAnswer(spec: QuestionSpec, indicator: Indicator, known: Array<string | number>, p: number, random: () => number): unknown {
  if (indicator.kind === 'share') {
    const named = (list: readonly unknown[] = []) => known.filter((v) => list.map(String).includes(String(v)));
    const risky = named(indicator.values);
    // «Таких учеников нет» from a few, as in a school where the question does not apply to everyone.
    const notApplicable = named(indicator.notApplicable);
    const safe = known.filter((v) => !risky.includes(v) && !notApplicable.includes(v));
    const choice =
      notApplicable.length && random() < 0.1
        ? pick(notApplicable, random)
        : random() < p * 0.8 && risky.length
          ? pick(risky, random)
          : pick(safe.length ? safe : known, random);
    return spec.type === 'multi' ? [choice] : choice;
  }
  if (indicator.kind === 'choice') {
    const keys = known.filter((v) => String(v) in indicator.risk);
    return keys.reduce((best, v) => (Math.abs(indicator.risk[String(v)] - p) < Math.abs(indicator.risk[String(best)] - p) ? v : best), keys[0]);
  }
  if (indicator.kind === 'mean') {
    const target = indicator.best + (indicator.worst - indicator.best) * p;
    if (spec.type === 'number') return Math.round(Math.min(spec.max, Math.max(spec.min, target)));
    const numeric = known.filter((v): v is number => typeof v === 'number');
    return numeric.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best), numeric[0]);
  }
  return neutralAnswer(spec, known, random);
}

/**
 * Numerators and denominators of the principal's ratios, consistent with the roster's sizes. A denominator that an
 * earlier ratio gave as its numerator (the children with special needs, then the specialists per such child) keeps
 * that number, so the answers stay one school's.
 */
function principalNumbers(questionnaire: Questionnaire, indicators: readonly SimulatedIndicator[], facts: SchoolFacts, random: () => number): Answers {
  const answers: Answers = {};
  for (const { indicator, propensity } of indicators) {
    if (indicator.kind !== 'ratio') continue;
    const numerator = questionnaire.questions.get(indicator.numerator);
    const denominator = questionnaire.questions.get(indicator.denominator);
    if (numerator?.type !== 'number' || denominator?.type !== 'number') continue;
    const given = answers[indicator.denominator];
    const total = typeof given === 'number' ? given : Math.min(denominator.max, Math.max(denominator.min, totalOf(indicator.denominator, facts)));
    answers[indicator.denominator] = total;
    const ratio = indicator.best + (indicator.worst - indicator.best) * clamp01(propensity + (random() - 0.5) * 0.4);
    // Counts are whole; a number asked in steps (staff positions in quarters) keeps its step.
    const step = typeof numerator.element.step === 'number' && numerator.element.step < 1 ? numerator.element.step : 1;
    answers[indicator.numerator] = Math.min(numerator.max, Math.max(numerator.min, Math.round((ratio * total) / step) * step));
  }
  return answers;
}

/** The roster counts students of grades 5–11; the principal reports the whole school (about 1.5 times more) or grades 2–11. */
function totalOf(question: string, facts: SchoolFacts): number {
  if (/teacher/.test(question)) return facts.teachers;
  return Math.round(facts.students * (/2_11/.test(question) ? 1.35 : 1.5));
}

export function indicatorsOf(model: RiskModel, role: Role, propensity: Propensity): SimulatedIndicator[] {
  return model.factors.flatMap((factor) =>
    factor.indicators.filter((i) => i.role === role).map((indicator) => ({ indicator, propensity: propensity(factor.id) })),
  );
}
