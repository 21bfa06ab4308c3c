import { join, resolve } from 'node:path';
import { ROLES, type Role } from '../shared/roles.js';
import { countingRule, scoredQuestions, type CountingRule, type CountingSettings } from './counting.js';
import { crossChecksOf, type PartOfTotal } from './cross-checks.js';
import { readQuestionnaireSet, type QuestionnaireSet } from './questionnaire-set.js';
import { readOptionalJsonFile } from './read-json.js';

export const SURVEYS_DIR = resolve(import.meta.dirname, '../../surveys');

/** A SurveyJS questionnaire as stored in surveys/<role>.json; only the parts the server reads are typed. */
export interface SurveyJson {
  title?: unknown;
  pages?: Array<{ name?: string; elements?: SurveyElement[] }>;
  [key: string]: unknown;
}

export interface SurveyElement {
  type: string;
  name: string;
  choices?: Array<ChoiceValue | { value: ChoiceValue; text?: unknown }>;
  inputType?: string;
  min?: number;
  max?: number;
  rateMin?: number;
  rateMax?: number;
  rateValues?: Array<ChoiceValue | { value: ChoiceValue }>;
  elements?: SurveyElement[];
  [key: string]: unknown;
}

export type ChoiceValue = string | number;

/**
 * What an answer to one question may be; the server accepts nothing else. `element` is the SurveyJS
 * question it was compiled from, for whoever needs its words (explanations) or its type (model errors).
 */
export type QuestionSpec = { name: string; element: SurveyElement } & (
  | { type: 'single'; values: ReadonlySet<ChoiceValue> }
  | { type: 'multi'; values: ReadonlySet<ChoiceValue> }
  | { type: 'number'; min: number; max: number; integer: boolean }
);

export interface Questionnaire {
  role: Role;
  json: SurveyJson;
  questions: ReadonlyMap<string, QuestionSpec>;
  /** What an answer must cover to count (surveys/counting.json and the model's indicators). */
  counting: CountingRule;
  /** Parts that may not exceed their totals: the page's expression validators, enforced again by the server. */
  partsOfTotals: readonly PartOfTotal[];
}

export type Questionnaires = Record<Role, Questionnaire>;

function choiceValues(list: SurveyElement['choices'] | SurveyElement['rateValues']): Set<ChoiceValue> {
  return new Set((list ?? []).map((c) => (typeof c === 'object' && c !== null ? c.value : c)));
}

function specOf(element: SurveyElement, file: string): QuestionSpec {
  const { name } = element;
  switch (element.type) {
    case 'radiogroup':
    case 'dropdown':
      return { name, element, type: 'single', values: choiceValues(element.choices) };
    case 'checkbox':
    case 'tagbox':
      return { name, element, type: 'multi', values: choiceValues(element.choices) };
    case 'rating':
      if (element.rateValues?.length) return { name, element, type: 'single', values: choiceValues(element.rateValues) };
      return { name, element, type: 'number', min: element.rateMin ?? 1, max: element.rateMax ?? 5, integer: true };
    case 'text':
      if (element.inputType === 'number' && Number.isFinite(element.min) && Number.isFinite(element.max)) {
        return { name, element, type: 'number', min: element.min!, max: element.max!, integer: false };
      }
      break;
  }
  throw new Error(
    `${file}: question "${name}" has type "${element.type}"${element.inputType ? ` (${element.inputType})` : ''}, which the server cannot validate; use radiogroup, dropdown, checkbox, rating or a number text with min and max`,
  );
}

function collect(elements: SurveyElement[] | undefined, file: string, into: Map<string, QuestionSpec>) {
  for (const element of elements ?? []) {
    if (element.type === 'panel') {
      collect(element.elements, file, into);
    } else if (element.type !== 'html' && element.type !== 'image') {
      if (into.has(element.name)) throw new Error(`${file}: question "${element.name}" appears twice`);
      into.set(element.name, specOf(element, file));
    }
  }
}

function partsOfTotals(questions: ReadonlyMap<string, QuestionSpec>, file: string): PartOfTotal[] {
  const checks = [...questions.values()].flatMap((spec) => crossChecksOf(spec.element, file));
  for (const { part, total } of checks) {
    if (questions.get(part)?.type !== 'number' || questions.get(total)?.type !== 'number') {
      throw new Error(`${file}: "${part}" is checked against "${total}", but both must be number questions of this questionnaire`);
    }
  }
  return checks;
}

/** What the server needs to check answers; `scored` names the questions the risk model reads (all of them when not given). */
export function compileQuestionnaire(
  role: Role,
  json: SurveyJson,
  file = `${role}.json`,
  scored?: ReadonlySet<string>,
  settings?: CountingSettings,
): Questionnaire {
  const questions = new Map<string, QuestionSpec>();
  for (const page of json.pages ?? []) collect(page.elements, file, questions);
  if (questions.size === 0) throw new Error(`${file}: the questionnaire has no questions`);
  const names = [...questions.keys()];
  return {
    role,
    json,
    questions,
    counting: countingRule(file, names, scored ?? new Set(names), settings),
    partsOfTotals: partsOfTotals(questions, file),
  };
}

/**
 * Reads the four questionnaires of `dir` with its model (whose indicators say which questions are scored) and
 * counting.json, and compiles them. Without a model file every question is scored.
 */
export async function loadQuestionnaires(dir = SURVEYS_DIR): Promise<Questionnaires> {
  const [set, model] = await Promise.all([readQuestionnaireSet(dir), readOptionalJsonFile(join(dir, 'risk-model.json'))]);
  return compileQuestionnaireSet(set, model === undefined ? undefined : scoredQuestions(model), dir);
}

/** A set's questionnaires compiled for one model; every problem is reported, in the order of the roles. */
export function compileQuestionnaireSet(set: QuestionnaireSet, scored: ReadonlyMap<string, ReadonlySet<string>> | undefined, dir: string): Questionnaires {
  const problems: string[] = [];
  const compiled = new Map<Role, Questionnaire>();
  for (const role of ROLES) {
    try {
      compiled.set(
        role,
        compileQuestionnaire(role, set.surveys[role], join(dir, `${role}.json`), scored && (scored.get(role) ?? new Set()), {
          minAnsweredShare: set.counting?.minAnsweredShare?.[role],
          minSeconds: set.counting?.minSeconds?.[role],
        }),
      );
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return Object.fromEntries(compiled) as Questionnaires;
}
