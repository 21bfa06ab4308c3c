import { DONT_KNOW, questionsOf } from '../scoring/answers.js';
import {
  DEFAULT_MIN_RATE,
  type Answers,
  type Factor,
  type FactorResult,
  type Indicator,
  type IndicatorResult,
  type RiskModel,
  type RoleParticipation,
} from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { MIN_GROUP } from '../shared/rules/min-group.js';
import type { AnswerCount } from './explanation.repository.js';
import type { Distribution, ExplanationBody, IndicatorExplanation, PrincipalAnswers } from './explanation.schemas.js';
import { answerText, type QuestionText, type QuestionTexts } from './question-texts.js';

/** docs/methodology.md §6 rule 1: a breakdown of answers is shown only when at least the minimum group answered. */
export const MIN_BREAKDOWN_N = MIN_GROUP;

/** Share of the factor's weighted risk that the key indicators together reach first. */
const KEY_SHARE = 0.5;
const MAX_KEY_INDICATORS = 3;

export interface ExplainInput {
  model: RiskModel;
  factor: Factor;
  result: FactorResult;
  roles: Record<Role, RoleParticipation>;
  texts: QuestionTexts;
  /** Answer counts per role, for the indicators that passed {@link needsDistribution}. */
  counts: Partial<Record<Role, AnswerCount[]>>;
  principalResponses: Answers[];
}

/** Whether the answers behind an indicator may be counted and shown at all (the privacy rule). */
export function needsDistribution(indicator: Indicator, result: IndicatorResult): boolean {
  return indicator.kind !== 'ratio' && indicator.kind !== 'rate' && result.n >= MIN_BREAKDOWN_N;
}

/**
 * Everything a school team needs to see why a factor has its level: each indicator's numbers and
 * wording, the part of the score it makes, the answers behind it (privacy permitting) and the
 * principal's own answers.
 */
export function explainFactor(input: ExplainInput): ExplanationBody {
  const { model, factor, result } = input;
  const byId = new Map(result.indicators.map((r) => [r.id, r]));
  const present = result.indicators.filter((r) => r.risk !== null);
  const presentWeight = present.reduce((sum, r) => sum + r.weight, 0);
  const keys = keyIndicators(result);

  const indicators = factor.indicators.map((indicator): IndicatorExplanation => {
    const r = byId.get(indicator.id)!;
    const questions = questionsOf(indicator).map((name) => input.texts(indicator.role, name));
    return {
      id: r.id,
      role: r.role,
      kind: r.kind,
      weight: r.weight,
      value: r.value,
      risk: r.risk,
      se: r.se,
      n: r.n,
      missing: r.missing,
      contribution: result.score !== null && r.risk !== null ? (r.weight * r.risk) / presentWeight : null,
      key: keys.has(r.id),
      questions: questions.map(questionRef),
      counted: indicator.kind === 'share' ? indicator.values.map((v) => ({ value: v, text: choiceText(questions[0], v) })) : [],
      choiceRisks: indicator.kind === 'choice' ? choiceRisks(indicator.risk, questions[0]) : [],
      best: indicator.kind === 'choice' ? null : (indicator.best ?? 0),
      worst: indicator.kind === 'choice' ? null : (indicator.worst ?? 1),
      distribution: distribution(indicator, r, questions[0], input.counts[indicator.role] ?? []),
    };
  });

  return {
    factor: {
      id: factor.id,
      title: factor.title,
      description: factor.description,
      score: result.score,
      level: result.level,
      coverage: result.coverage,
      levels: factor.levels ?? model.levels,
    },
    minN: MIN_BREAKDOWN_N,
    roles: Object.fromEntries(ROLES.map((role) => [role, { ...input.roles[role], minRate: minRateOf(model, role) }])) as ExplanationBody['roles'],
    indicators,
    principal: principalAnswers(factor, input.texts, input.principalResponses),
  };
}

/**
 * The indicators that make most of the score: the biggest contributions (weight · risk), taken in
 * order until together they reach half of the factor's weighted risk, at most three. A factor is
 * "high because of" these; an indicator at zero risk never is.
 */
export function keyIndicators(result: FactorResult): Set<string> {
  if (result.score === null) return new Set();
  const weighted = result.indicators
    .filter((r) => r.risk !== null && r.risk > 0)
    .map((r) => ({ id: r.id, points: r.weight * r.risk! }))
    .sort((a, b) => b.points - a.points);
  const total = weighted.reduce((sum, w) => sum + w.points, 0);
  const keys = new Set<string>();
  let reached = 0;
  for (const w of weighted) {
    if (keys.size === MAX_KEY_INDICATORS || reached >= KEY_SHARE * total) break;
    keys.add(w.id);
    reached += w.points;
  }
  return keys;
}

function distribution(indicator: Indicator, result: IndicatorResult, question: QuestionText, counts: AnswerCount[]): Distribution {
  if (indicator.kind === 'ratio' || indicator.kind === 'rate') return { shown: false, reason: indicator.kind };
  if (!needsDistribution(indicator, result)) return { shown: false, reason: 'few-answers' };
  const mine = counts.filter((c) => c.question === indicator.question);
  const countOf = (value: unknown) => mine.filter((c) => String(c.answer) === String(value)).reduce((sum, c) => sum + c.count, 0);
  const dontKnow = countOf(DONT_KNOW);

  if (indicator.kind === 'mean') {
    const risk = (v: number) => clamp((v - indicator.best) / (indicator.worst - indicator.best));
    const numbers = new Set(mine.map((c) => c.answer).filter((a): a is number => typeof a === 'number'));
    const points = scalePoints(question, numbers);
    return { shown: true, dontKnow, rows: points.map((p) => ({ value: p.value, text: p.text, count: countOf(p.value), risk: risk(p.value) })) };
  }

  // Choices in questionnaire order, then any answer today's questionnaire no longer offers.
  const riskOf = (value: string | number): number | null => {
    if (indicator.kind === 'choice') return indicator.risk[String(value)] ?? null;
    if (indicator.notApplicable?.map(String).includes(String(value))) return null;
    return indicator.values.map(String).includes(String(value)) ? 1 : 0;
  };
  const offered = question.choices.map((c) => c.value).filter((v) => v !== DONT_KNOW);
  const answered = mine
    .map((c) => c.answer)
    .filter((a): a is string | number => (typeof a === 'string' && a !== '' && a !== DONT_KNOW) || typeof a === 'number');
  const values = [...offered, ...answered.filter((a) => !offered.some((o) => String(o) === String(a)))];
  const rows = values.flatMap((value) => {
    const risk = riskOf(value);
    // A choice the model gives no risk, or a share's notApplicable answer, is not an answer (docs/methodology.md §2).
    return risk === null ? [] : [{ value, text: choiceText(question, value), count: countOf(value), risk }];
  });
  return { shown: true, dontKnow, rows };
}

/** Every point of a rating scale, or the numeric choices of a question, or else the numbers given. */
function scalePoints(question: QuestionText, given: Set<number>): Array<{ value: number; text: string }> {
  if (question.scale) {
    const { min, max, minText, maxText } = question.scale;
    const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    return points.map((p) => ({ value: p, text: p === min && minText ? `${p} — ${minText}` : p === max && maxText ? `${p} — ${maxText}` : String(p) }));
  }
  const numeric = question.choices.filter((c): c is { value: number; text: string } => typeof c.value === 'number');
  if (numeric.length > 0) return numeric;
  return [...given].sort((a, b) => a - b).map((v) => ({ value: v, text: String(v) }));
}

function principalAnswers(factor: Factor, texts: QuestionTexts, responses: Answers[]): PrincipalAnswers {
  const names = [...new Set(factor.indicators.filter((i) => i.role === 'principal').flatMap(questionsOf))];
  return {
    responses: responses.length,
    questions: names.map((name) => {
      const question = texts('principal', name);
      return {
        ...questionRef(question),
        answers: responses.map((answers) => {
          const answer = answers[name];
          return typeof answer === 'number' && question.choices.length === 0
            ? { number: answer, text: null }
            : { number: null, text: answerText(question, answer) };
        }),
      };
    }),
  };
}

/**
 * Each answer's risk in the questionnaire's order of choices, as the respondent saw them on a scale, then any choice the
 * questionnaire no longer offers. The model's own key order is no guide: a model read back from jsonb has its keys sorted.
 */
function choiceRisks(risk: Record<string, number>, question: QuestionText) {
  const offered = question.choices.map((c) => String(c.value)).filter((v) => v in risk);
  const keys = [...offered, ...Object.keys(risk).filter((v) => !offered.includes(v))];
  return keys.map((v) => ({ value: choiceValue(question, v), text: choiceText(question, v), risk: risk[v]! }));
}

function questionRef(q: QuestionText) {
  return q.description === undefined ? { name: q.name, title: q.title } : { name: q.name, title: q.title, description: q.description };
}

function choiceText(question: QuestionText, value: string | number): string {
  return question.choices.find((c) => String(c.value) === String(value))?.text ?? String(value);
}

/** `risk` maps key choices by their string form; give back the questionnaire's own value (a number stays a number). */
function choiceValue(question: QuestionText, key: string): string | number {
  return question.choices.find((c) => String(c.value) === key)?.value ?? key;
}

function minRateOf(model: RiskModel, role: Role): number {
  return typeof model.minRate === 'number' ? model.minRate : (model.minRate[role] ?? DEFAULT_MIN_RATE);
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
