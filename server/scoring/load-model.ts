import { ROLES, isRole, type Role } from '../shared/roles.js';
import { loadQuestionnaires, type Questionnaires, type QuestionSpec } from '../surveys/questionnaires.js';
import { readJsonFile } from '../surveys/read-json.js';
import { DONT_KNOW } from './answers.js';
import {
  INDICATOR_KINDS,
  type ChoiceValue,
  type Factor,
  type Indicator,
  type IndicatorKind,
  type Levels,
  type MinRate,
  type RiskModel,
} from './model.js';

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

/** Reads the model file and the questionnaires `<surveysDir>/<role>.json`, then validates. */
export async function loadModelFile(path: string, surveysDir: string): Promise<RiskModel> {
  const [json, questionnaires] = await Promise.all([readJsonFile(path), loadQuestionnaires(surveysDir)]);
  return validateModel(json, questionnaires, path);
}

/**
 * Checks a parsed model file against the four compiled questionnaires (the same question specs
 * that validate answers) and returns it with defaults filled in (weight 1). Throws
 * {@link ModelError} listing all problems, so a region editing the file sees everything to fix at once.
 */
export function validateModel(json: unknown, questionnaires: Questionnaires, fileName: string): RiskModel {
  const problems: string[] = [];
  const at =
    (where: string): Report =>
    (problem) =>
      problems.push(`${where}: ${problem}`);
  const model = readModel(json, questionnaires, at);
  if (problems.length > 0) throw new ModelError(fileName, problems);
  return model;
}

function readModel(json: unknown, questions: Questionnaires, at: (where: string) => Report): RiskModel {
  const report = at('model');
  if (!isObject(json)) {
    report('must be a JSON object');
    return { id: '', title: '', levels: { medium: 0, high: 1 }, minRate: 0, factors: [] };
  }
  rejectUnknownKeys(json, ['id', 'title', 'description', 'levels', 'minRate', 'factors'], report);
  const header = {
    id: text(json.id, 'id', report),
    title: text(json.title, 'title', report),
    ...optionalText(json, 'description', report),
    levels: readLevels(json.levels, 'levels', report),
    minRate: readMinRate(json.minRate, report),
  };
  const factors = list(json.factors, 'factors', report).map((f, i) => readFactor(f, i, questions, at));
  reportDuplicates(
    factors.map((f) => f.id),
    (id) => at(`factor "${id}"`),
  );
  reportDuplicates(
    factors.flatMap((f) => f.indicators.map((ind) => ind.id)),
    (id) => at(`indicator "${id}"`),
  );
  return { ...header, factors };
}

function readFactor(json: unknown, index: number, questions: Questionnaires, at: (where: string) => Report): Factor {
  const id = isObject(json) && typeof json.id === 'string' ? json.id : `#${index + 1}`;
  const report = at(`factor "${id}"`);
  if (!isObject(json)) {
    report('must be an object');
    return { id, title: '', indicators: [] };
  }
  rejectUnknownKeys(json, ['id', 'title', 'description', 'levels', 'indicators'], report);
  return {
    id: text(json.id, 'id', report),
    title: text(json.title, 'title', report),
    ...optionalText(json, 'description', report),
    ...(json.levels === undefined ? {} : { levels: readLevels(json.levels, 'levels', report) }),
    indicators: list(json.indicators, 'indicators', report).map((ind, i) =>
      readIndicator(ind, `${id}#${i + 1}`, questions, at),
    ),
  };
}

const KIND_KEYS: Record<IndicatorKind, string[]> = {
  share: ['question', 'values', 'best', 'worst'],
  mean: ['question', 'best', 'worst'],
  choice: ['question', 'risk'],
  ratio: ['numerator', 'denominator', 'best', 'worst'],
};

function readIndicator(json: unknown, fallbackId: string, questions: Questionnaires, at: (where: string) => Report): Indicator {
  const id = isObject(json) && typeof json.id === 'string' ? json.id : fallbackId;
  const report = at(`indicator "${id}"`);
  if (!isObject(json)) {
    report('must be an object');
    return { id, role: 'principal', kind: 'mean', question: '', best: 0, worst: 1, weight: 1 };
  }
  const kind = INDICATOR_KINDS.find((k) => k === json.kind);
  if (!kind) report(`unknown kind ${JSON.stringify(json.kind)} (expected one of ${INDICATOR_KINDS.join(', ')})`);
  if (!isRole(json.role)) report(`unknown role ${JSON.stringify(json.role)} (expected one of ${ROLES.join(', ')})`);
  const knownRole = isRole(json.role) ? json.role : undefined;
  const base = {
    id: text(json.id, 'id', report),
    role: knownRole ?? 'principal',
    weight: readWeight(json.weight, report),
    ...optionalText(json, 'title', report),
    ...optionalText(json, 'description', report),
  };
  // Without a kind the other fields have no meaning to check.
  if (!kind) return { ...base, kind: 'mean', question: '', best: 0, worst: 1 };
  rejectUnknownKeys(json, ['id', 'role', 'kind', 'weight', 'title', 'description', ...KIND_KEYS[kind]], report);
  // Without a role there is no questionnaire to look questions up in.
  const question = (field: string, accepts: (spec: QuestionSpec) => boolean, needs: string) =>
    knownRole && readQuestion(json[field], field, questions[knownRole], accepts, `${kind} needs ${needs}`, report);

  switch (kind) {
    case 'share': {
      const spec = question('question', (s) => s.type === 'single' || s.type === 'multi', 'a single- or multi-choice question');
      const values = readChoiceList(json.values, spec, report);
      const best = json.best === undefined ? undefined : finite(json.best, 'best', report);
      const worst = json.worst === undefined ? undefined : finite(json.worst, 'worst', report);
      checkScale(best ?? 0, worst ?? 1, report);
      return {
        ...base,
        kind: 'share',
        question: String(json.question),
        values,
        ...(best === undefined ? {} : { best }),
        ...(worst === undefined ? {} : { worst }),
      };
    }
    case 'mean': {
      question('question', isNumericQuestion, 'a rating, a number input or a single choice with numeric values');
      const [best, worst] = readScale(json, report);
      return { ...base, kind: 'mean', question: String(json.question), best, worst };
    }
    case 'choice': {
      const spec = question('question', (s) => s.type === 'single', 'a single-choice question');
      return { ...base, kind: 'choice', question: String(json.question), risk: readRiskMap(json.risk, spec, report) };
    }
    case 'ratio': {
      const needs = 'numeric questions (rating, number input, numeric single choice)';
      question('numerator', isNumericQuestion, needs);
      question('denominator', isNumericQuestion, needs);
      const [best, worst] = readScale(json, report);
      return {
        ...base,
        kind: 'ratio',
        numerator: String(json.numerator),
        denominator: String(json.denominator),
        best,
        worst,
      };
    }
  }
}

function readQuestion(
  name: unknown,
  field: string,
  questionnaire: Questionnaires[Role],
  accepts: (spec: QuestionSpec) => boolean,
  needs: string,
  report: Report,
): QuestionSpec | undefined {
  if (typeof name !== 'string' || name === '') {
    report(`${field} must be a question name`);
    return undefined;
  }
  const spec = questionnaire.questions.get(name);
  if (!spec) {
    report(`${field} "${name}" is not in the ${questionnaire.role} questionnaire`);
    return undefined;
  }
  if (!accepts(spec)) {
    report(`${needs}, but ${field} "${name}" is ${describe(spec)}`);
    return undefined;
  }
  return spec;
}

/** Rating, number input, or a single choice whose real choices (dont_know aside) are all numbers. */
function isNumericQuestion(spec: QuestionSpec): boolean {
  if (spec.type === 'number') return true;
  if (spec.type !== 'single') return false;
  const real = [...spec.values].filter((v) => v !== DONT_KNOW);
  return real.length > 0 && real.every((v) => typeof v === 'number');
}

/** The question as the person editing the questionnaire knows it: by its SurveyJS type. */
function describe(spec: QuestionSpec): string {
  if (spec.type === 'single') return `a ${spec.element.type} with non-numeric choices`;
  if (spec.element.type === 'text') return 'a number input';
  return `a ${spec.element.type}`;
}

function readChoiceList(json: unknown, spec: QuestionSpec | undefined, report: Report): ChoiceValue[] {
  const values = list(json, 'values', report);
  const ok = values.filter((v): v is ChoiceValue => {
    if (typeof v === 'string' || typeof v === 'number') return true;
    report(`values: ${JSON.stringify(v)} is not a choice value`);
    return false;
  });
  for (const v of ok) checkChoice(v, spec, 'values', report);
  return ok;
}

function readRiskMap(json: unknown, spec: QuestionSpec | undefined, report: Report): Record<string, number> {
  if (!isObject(json) || Object.keys(json).length === 0) {
    report('risk must be a non-empty object mapping choice values to risks');
    return {};
  }
  const risk: Record<string, number> = {};
  for (const [key, value] of Object.entries(json)) {
    checkChoice(key, spec, 'risk', report);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      report(`risk of "${key}" must be a number in [0, 1], got ${JSON.stringify(value)}`);
    }
    risk[key] = Number(value);
  }
  return risk;
}

/** Choices match by string form: `risk` keys are strings while choice values may be numbers. */
function checkChoice(value: ChoiceValue, spec: QuestionSpec | undefined, field: string, report: Report): void {
  if (String(value) === DONT_KNOW) {
    report(`${field}: "${DONT_KNOW}" is never counted as an answer (METHODOLOGY §2)`);
    return;
  }
  if (!spec || spec.type === 'number') return;
  const choices = [...spec.values];
  if (!choices.some((c) => String(c) === String(value))) {
    report(`${field}: ${JSON.stringify(value)} is not a choice of question (choices: ${choices.map((c) => JSON.stringify(c)).join(', ')})`);
  }
}

function readScale(json: Record<string, unknown>, report: Report): [number, number] {
  const best = finite(json.best, 'best', report);
  const worst = finite(json.worst, 'worst', report);
  checkScale(best, worst, report);
  return [best, worst];
}

function checkScale(best: number, worst: number, report: Report): void {
  if (best === worst) report(`best and worst are both ${best}; the scale would divide by zero`);
}

function readWeight(json: unknown, report: Report): number {
  if (json === undefined) return 1;
  if (typeof json === 'number' && Number.isFinite(json) && json > 0) return json;
  report(`weight must be a number > 0, got ${JSON.stringify(json)}`);
  return 1;
}

function readLevels(json: unknown, field: string, report: Report): Levels {
  if (!isObject(json)) {
    report(`${field} must be an object { medium, high }`);
    return { medium: 0, high: 1 };
  }
  rejectUnknownKeys(json, ['medium', 'high'], (p) => report(`${field}: ${p}`));
  const medium = fraction(json.medium, `${field}.medium`, report);
  const high = fraction(json.high, `${field}.high`, report);
  if (medium >= high) report(`${field}: medium (${medium}) must be below high (${high})`);
  return { medium, high };
}

function readMinRate(json: unknown, report: Report): MinRate {
  if (!isObject(json)) return fraction(json, 'minRate', report);
  const perRole: Partial<Record<Role, number>> = {};
  for (const [role, value] of Object.entries(json)) {
    if (isRole(role)) perRole[role] = fraction(value, `minRate.${role}`, report);
    else report(`minRate: unknown role "${role}" (expected one of ${ROLES.join(', ')})`);
  }
  return perRole;
}

function fraction(json: unknown, field: string, report: Report): number {
  if (typeof json === 'number' && json >= 0 && json <= 1) return json;
  report(`${field} must be a number in [0, 1], got ${JSON.stringify(json)}`);
  return NaN;
}

function finite(json: unknown, field: string, report: Report): number {
  if (typeof json === 'number' && Number.isFinite(json)) return json;
  report(`${field} must be a number, got ${JSON.stringify(json)}`);
  return NaN;
}

function text(json: unknown, field: string, report: Report): string {
  if (typeof json === 'string' && json.trim() !== '') return json;
  report(`${field} must be a non-empty string`);
  return '';
}

function optionalText<K extends string>(json: Record<string, unknown>, key: K, report: Report): { [P in K]?: string } {
  const value = json[key];
  if (value === undefined) return {};
  if (typeof value !== 'string') report(`${key} must be a string`);
  return { [key]: String(value) } as { [P in K]?: string };
}

function list(json: unknown, field: string, report: Report): unknown[] {
  if (Array.isArray(json) && json.length > 0) return json;
  report(`${field} must be a non-empty array`);
  return [];
}

/** A misspelt optional key (say `wieght`) would otherwise silently fall back to its default. */
function rejectUnknownKeys(json: Record<string, unknown>, known: string[], report: Report): void {
  for (const key of Object.keys(json)) if (!known.includes(key)) report(`unknown key "${key}"`);
}

/** Ids key the statistics and the profile, so they must be unique across the whole model. */
function reportDuplicates(ids: string[], at: (id: string) => Report): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (id !== '' && seen.has(id)) at(id)('duplicate id');
    seen.add(id);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
