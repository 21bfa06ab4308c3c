import { Value } from 'typebox/value';
import { DONT_KNOW } from '../scoring/answers.js';
import { ModelFileSchemas, RiskModelSchema, type IndicatorKind, type RiskModel } from '../scoring/model.js';
import { INDICATOR_KINDS } from '../scoring/indicator-kinds.js';
import { isRole } from '../shared/roles.js';
import type { Questionnaire, Questionnaires, QuestionSpec } from '../surveys/questionnaires.js';
import { schemaProblems } from './schema-problems.js';

/** Every problem found in a model file, one per line, each naming the file. */
export class ModelError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${fileName}: ${problem}`).join('\n'));
    this.name = 'ModelError';
  }
}

type Report = (problem: string) => void;
type At = (where: string) => Report;
type Json = Record<string, unknown>;

/**
 * Checks a parsed model file with the model's schema (scoring/model.ts), then against the four compiled
 * questionnaires (the same question specs that validate answers), and returns it with defaults filled in
 * (weight 1). Throws {@link ModelError} listing all problems, so a region editing the file sees everything
 * to fix at once.
 */
export function validateModel(json: unknown, questionnaires: Questionnaires, fileName: string): RiskModel {
  const problems: string[] = [];
  const at: At = (where) => (problem) => problems.push(`${where}: ${problem}`);
  checkModel(json, questionnaires, at);
  if (problems.length > 0) throw new ModelError(fileName, problems);
  // A file that passed every check is a model once its defaults are in; Parse types it so.
  return Value.Parse(RiskModelSchema, withDefaults(json as Json));
}

function checkModel(json: unknown, questionnaires: Questionnaires, at: At): void {
  const report = at('model');
  schemaProblems(ModelFileSchemas.model, json).forEach(report);
  if (!isObject(json)) return;
  checkLevels(json.levels, report);
  const factors = listOf(json.factors);
  factors.forEach((factor, i) => checkFactor(factor, i, questionnaires, at));
  // Ids key the statistics and the profile, so they must be unique across the whole model.
  reportDuplicates(factors.map(idOf), (id) => at(`factor "${id}"`));
  reportDuplicates(
    factors.flatMap((f) => (isObject(f) ? listOf(f.indicators).map(idOf) : [])),
    (id) => at(`indicator "${id}"`),
  );
}

function checkFactor(json: unknown, index: number, questionnaires: Questionnaires, at: At): void {
  const id = idOf(json) ?? `#${index + 1}`;
  const report = at(`factor "${id}"`);
  schemaProblems(ModelFileSchemas.factor, json).forEach(report);
  if (!isObject(json)) return;
  checkLevels(json.levels, report);
  listOf(json.indicators).forEach((indicator, i) => checkIndicator(indicator, `${id}#${i + 1}`, questionnaires, at));
}

function checkIndicator(json: unknown, fallbackId: string, questionnaires: Questionnaires, at: At): void {
  const report = at(`indicator "${idOf(json) ?? fallbackId}"`);
  const kind = isObject(json) ? INDICATOR_KINDS.find((k) => k === json.kind) : undefined;
  // Without a kind the other fields have no meaning to check.
  schemaProblems(kind ? ModelFileSchemas.indicator[kind] : ModelFileSchemas.anyIndicator, json).forEach(report);
  // Without a role there is no questionnaire to look questions up in.
  if (kind && isObject(json) && isRole(json.role)) checkQuestions(json, kind, questionnaires[json.role], report);
}

/**
 * What no schema can say: the indicator's questions are in its role's questionnaire, of a type its kind
 * can score, and the values it names are choices of them. Fields the schema found wrong are left to it.
 */
function checkQuestions(indicator: Json, kind: IndicatorKind, questionnaire: Questionnaire, report: Report): void {
  const question = (field: string, accepts: (spec: QuestionSpec) => boolean, needs: string) => {
    const name = indicator[field];
    if (typeof name !== 'string') return undefined;
    const spec = questionnaire.questions.get(name);
    if (!spec) report(`${field} "${name}" is not in the ${questionnaire.role} questionnaire`);
    else if (!accepts(spec)) report(`${kind} needs ${needs}, but ${field} "${name}" is ${describeQuestion(spec)}`);
    else return spec;
    return undefined;
  };
  switch (kind) {
    case 'share': {
      const spec = question('question', (s) => s.type === 'single' || s.type === 'multi', 'a single- or multi-choice question');
      for (const value of listOf(indicator.values)) checkChoice(value, spec, 'values', report);
      const counted = new Set(listOf(indicator.values).map(String));
      for (const value of listOf(indicator.notApplicable)) {
        checkChoice(value, spec, 'notApplicable', report);
        // An answer both counted and not an answer would score differently depending on which rule ran first.
        if (counted.has(String(value))) report(`notApplicable: ${JSON.stringify(value)} is also in values`);
      }
      checkScale(indicator.best ?? 0, indicator.worst ?? 1, report);
      return;
    }
    case 'mean':
      question('question', isNumericQuestion, 'a rating, a number input or a single choice with numeric values');
      checkScale(indicator.best, indicator.worst, report);
      return;
    case 'choice': {
      const spec = question('question', (s) => s.type === 'single', 'a single-choice question');
      for (const key of Object.keys(isObject(indicator.risk) ? indicator.risk : {})) checkChoice(key, spec, 'risk', report);
      return;
    }
    case 'ratio': {
      const needs = 'numeric questions (rating, number input, numeric single choice)';
      question('numerator', isNumericQuestion, needs);
      question('denominator', isNumericQuestion, needs);
      checkScale(indicator.best, indicator.worst, report);
      return;
    }
    case 'rate':
      // Its schema already refuses a question: the rate is counted, not asked.
      checkScale(indicator.best, indicator.worst, report);
      return;
  }
}

/** Rating, number input, or a single choice whose real choices (dont_know aside) are all numbers. */
function isNumericQuestion(spec: QuestionSpec): boolean {
  if (spec.type === 'number') return true;
  if (spec.type !== 'single') return false;
  const real = [...spec.values].filter((v) => v !== DONT_KNOW);
  return real.length > 0 && real.every((v) => typeof v === 'number');
}

/** The question as the person editing the questionnaire knows it: by its SurveyJS type. */
function describeQuestion(spec: QuestionSpec): string {
  if (spec.type === 'single') return `a ${spec.element.type} with non-numeric choices`;
  if (spec.element.type === 'text') return 'a number input';
  return `a ${spec.element.type}`;
}

/** Choices match by string form: `risk` keys are strings while choice values may be numbers. */
function checkChoice(value: unknown, spec: QuestionSpec | undefined, field: string, report: Report): void {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  if (String(value) === DONT_KNOW) {
    report(`${field}: "${DONT_KNOW}" is never counted as an answer (docs/methodology.md §2)`);
    return;
  }
  if (!spec || spec.type === 'number') return;
  const choices = [...spec.values];
  if (!choices.some((c) => String(c) === String(value))) {
    report(`${field}: ${JSON.stringify(value)} is not a choice of question (choices: ${choices.map((c) => JSON.stringify(c)).join(', ')})`);
  }
}

function checkScale(best: unknown, worst: unknown, report: Report): void {
  if (typeof best === 'number' && best === worst) report(`best and worst are both ${best}; the scale would divide by zero`);
}

function checkLevels(levels: unknown, report: Report): void {
  if (!isObject(levels) || typeof levels.medium !== 'number' || typeof levels.high !== 'number') return;
  if (levels.medium >= levels.high) report(`levels: medium (${levels.medium}) must be below high (${levels.high})`);
}

function reportDuplicates(ids: Array<string | undefined>, at: (id: string) => Report): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === undefined) continue;
    if (seen.has(id)) at(id)('duplicate id');
    seen.add(id);
  }
}

/** A copy of a checked model file with what its schema fills in when left out: the weight of each indicator. */
function withDefaults(json: Json): unknown {
  const model = structuredClone(json);
  for (const factor of listOf(model.factors) as Json[]) {
    for (const indicator of listOf(factor.indicators) as Json[]) Value.Default(ModelFileSchemas.indicator[indicator.kind as IndicatorKind], indicator);
  }
  return model;
}

function idOf(json: unknown): string | undefined {
  return isObject(json) && typeof json.id === 'string' ? json.id : undefined;
}

function listOf(json: unknown): unknown[] {
  return Array.isArray(json) ? json : [];
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
