import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Model } from 'survey-core';
import { ROLES, type Role } from '../../server/shared/roles';
import { SURVEY_MINUTES } from '../../server/shared/rules/survey-minutes';

// Checks the data in surveys/: the four questionnaires and the risk model of today's version 2, and the archived
// version 1 that old waves are still scored from (docs/methodology.md §1, §5 and §10). Works on the raw JSON (what
// the server validates answers against) and on survey-core's Model (what the respondent page renders).

const SURVEYS_DIR = resolve(import.meta.dirname, '../../surveys');

const PREFIX: Record<Role, string> = { principal: 'p_', teacher: 't_', student: 's_', parent: 'pa_' };
const ALLOWED_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox', 'rating', 'text']);
const SELECT_TYPES = new Set(['radiogroup', 'dropdown', 'checkbox']);
const DONT_KNOW = 'dont_know';
const DONT_KNOW_TEXT = 'Затрудняюсь ответить';
/** Fifth-graders read «Не знаю» more easily; the value stays `dont_know`. */
const DONT_KNOW_TEXT_STUDENT = 'Не знаю';
const KINDS = ['share', 'mean', 'choice', 'ratio', 'rate'];

/** The principal's help text defines counts exactly (what to count, as of when); it may take two lines. */
const DESCRIPTION_MAX: Record<Role, number> = { principal: 140, teacher: 100, student: 100, parent: 100 };

/** Properties that would let a respondent type free text or add answers outside the listed choices. */
const FORBIDDEN_PROPERTIES = [
  'showOtherItem',
  'hasOther',
  'showCommentArea',
  'hasComment',
  'showNoneItem',
  'hasNone',
  'showSelectAllItem',
  'hasSelectAll',
  'choicesByUrl',
  'choicesFromQuestion',
  'rateValues',
];

interface Version {
  dir: string;
  modelId: string;
  /** Questions that are asked for context and are not scored by the model. */
  context: Record<Role, string[]>;
  /**
   * Choice questions without "затрудняюсь ответить": facts about the respondent themself
   * (or, for the principal, basic facts of their own school) that everyone answering can know.
   * Every other radiogroup/dropdown/checkbox must offer `dont_know`.
   */
  alwaysKnown: Record<Role, string[]>;
  factorTitles: string[];
  /** Choices a `choice` indicator leaves out of its risk map on purpose: they say the question does not apply. */
  unscoredChoices: Record<string, string[]>;
  /** Version 1 weighed principal ratios 2 and everything else 1; version 2 sets weights so no factor rests on the principal. */
  fixedWeights: boolean;
}

const V1_TITLES = [
  'Низкий уровень оснащения школы',
  'Дефицит педагогических кадров',
  'Недостаточная предметная и методическая компетентность педагогов',
  'Риски низкой адаптивности учебного процесса',
  'Несформированность внутришкольной системы повышения квалификации',
  'Высокая доля обучающихся с рисками учебной неуспешности',
  'Низкое качество преодоления языковых и культурных барьеров',
  'Пониженный уровень качества школьной образовательной и воспитательной среды',
  'Высокая доля обучающихся с ОВЗ',
  'Низкий уровень вовлеченности родителей',
];

const VERSIONS: Record<string, Version> = {
  '500plus-v2': {
    dir: SURVEYS_DIR,
    modelId: '500plus-v2',
    context: { principal: [], teacher: ['t_experience'], student: ['s_grade'], parent: ['pa_child_grade'] },
    alwaysKnown: {
      principal: ['p_russian_support', 'p_pd_plan'],
      teacher: [
        't_experience',
        't_load',
        't_outside_diploma',
        't_pc_access',
        't_diff_tasks',
        't_individual_work',
        't_vpr_actions',
        't_pd_subject',
        't_lesson_visits',
        't_pd_meetings',
        't_mentoring',
        't_discipline',
        't_language_difficulty',
      ],
      student: ['s_grade', 's_grades', 's_homework_help', 's_parents_ask', 's_computer_use', 's_clubs'],
      parent: ['pa_child_grade', 'pa_meetings', 'pa_follow_studies', 'pa_class_teacher_talk', 'pa_informed'],
    },
    // ФИОКО's own wording for R3 and R10 (docs/methodology.md §10).
    factorTitles: V1_TITLES.map((title, i) =>
      i === 2
        ? 'Недостаточная предметная и методическая компетентность педагогических работников'
        : i === 9
          ? 'Низкий уровень вовлеченности родителей в образовательный процесс'
          : title,
    ),
    unscoredChoices: { p_russian_support: ['none'] },
    fixedWeights: false,
  },
  '500plus-v1': {
    dir: resolve(SURVEYS_DIR, 'archive/500plus-v1'),
    modelId: '500plus-v1',
    context: { principal: [], teacher: ['t_subject', 't_experience'], student: ['s_grade'], parent: ['pa_child_grade'] },
    alwaysKnown: {
      principal: ['p_russian_support', 'p_method_assoc', 'p_pd_plan'],
      teacher: [
        't_subject',
        't_experience',
        't_load',
        't_outside_diploma',
        't_pc_access',
        't_pd_subject',
        't_ovz_training',
        't_diff_tasks',
        't_individual_work',
        't_use_results',
        't_method_talks',
        't_lesson_visits',
        't_discipline',
        't_language_difficulty',
      ],
      student: ['s_grade', 's_homework_help', 's_home_language', 's_computer_use', 's_parents_ask'],
      parent: ['pa_child_grade', 'pa_education', 'pa_books', 'pa_meetings', 'pa_follow_studies', 'pa_class_teacher_talk'],
    },
    factorTitles: V1_TITLES,
    unscoredChoices: {},
    fixedWeights: true,
  },
};

type ChoiceValue = string | number;
interface RawChoice {
  value: ChoiceValue;
  text: string;
}
interface RawQuestion {
  type: string;
  name: string;
  title?: string;
  description?: string;
  isRequired?: boolean;
  visibleIf?: string;
  choices?: unknown[];
  inputType?: string;
  min?: number;
  max?: number;
  rateMin?: number;
  rateMax?: number;
  [key: string]: unknown;
}
interface RawPage {
  name: string;
  title?: string;
  elements: RawQuestion[];
}
interface RawSurvey {
  title?: string;
  description?: string;
  locale?: string;
  pages?: RawPage[];
  [key: string]: unknown;
}

interface Indicator {
  id: string;
  role: Role;
  kind: 'share' | 'mean' | 'choice' | 'ratio' | 'rate';
  question?: string;
  numerator?: string;
  denominator?: string;
  values?: ChoiceValue[];
  notApplicable?: ChoiceValue[];
  risk?: Record<string, number>;
  best?: number;
  worst?: number;
  weight?: number;
}
interface Levels {
  medium: number;
  high: number;
}
interface RiskModel {
  id: string;
  title: string;
  levels: Levels;
  minRate: number | Partial<Record<Role, number>>;
  factors: { id: string; title: string; levels?: Levels; indicators: Indicator[] }[];
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as T;
}

function questionsOf(survey: RawSurvey): RawQuestion[] {
  return (survey.pages ?? []).flatMap((page) => page.elements ?? []);
}

function choiceValues(q: RawQuestion): ChoiceValue[] {
  return ((q.choices as RawChoice[] | undefined) ?? []).map((c) => c.value);
}

/** Choices that carry an answer (everything but "затрудняюсь ответить"). */
function realChoiceValues(q: RawQuestion): ChoiceValue[] {
  return choiceValues(q).filter((v) => v !== DONT_KNOW);
}

function isNumberInput(q: RawQuestion | undefined): boolean {
  return q?.type === 'text' && q.inputType === 'number';
}

/** The numeric range of a question usable by a `mean` indicator, or undefined when it is not numeric. */
function numericRange(q: RawQuestion): [number, number] | undefined {
  if (q.type === 'rating') return [q.rateMin as number, q.rateMax as number];
  if (isNumberInput(q)) return [q.min as number, q.max as number];
  if (q.type === 'radiogroup' || q.type === 'dropdown') {
    const values = realChoiceValues(q);
    if (values.length > 0 && values.every((v) => typeof v === 'number')) {
      const numbers = values as number[];
      return [Math.min(...numbers), Math.max(...numbers)];
    }
  }
  return undefined;
}

function findKeyDeep(value: unknown, keys: string[], path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findKeyDeep(item, keys, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(keys.includes(key) ? [`${path}.${key}`] : []), ...findKeyDeep(inner, keys, `${path}.${key}`)]);
}

describe.each(Object.entries(VERSIONS))('%s', (_, v) => {
  const surveys = Object.fromEntries(ROLES.map((role) => [role, readJson<RawSurvey>(v.dir, `${role}.json`)])) as Record<Role, RawSurvey>;
  const model = readJson<RiskModel>(v.dir, 'risk-model.json');
  const findQuestion = (role: Role, name: string): RawQuestion | undefined => questionsOf(surveys[role]).find((q) => q.name === name);

  describe.each(ROLES.map((role) => ({ role })))(`${v.dir}/$role.json`, ({ role }) => {
    const json = surveys[role];
    const raw = questionsOf(json);

    it('loads into a survey-core Model without JSON errors', () => {
      const survey = new Model(json);
      expect(survey.jsonErrors ?? []).toEqual([]);
      expect(survey.pages.length).toBeGreaterThan(1);
      expect(survey.getAllQuestions().length).toBe(raw.length);
      expect(survey.getAllQuestions().map((q) => q.name)).toEqual(raw.map((q) => q.name));
    });

    it('has a Russian title and a short description at survey level', () => {
      expect(json.locale).toBe('ru');
      expect(json.title).toMatch(/[А-Яа-яЁё]/);
      // The sheets with the QR codes promise what the questionnaire itself says.
      expect(json.description).toMatch(new RegExp(`около ${SURVEY_MINUTES[role]} минут`, 'i'));
      expect((json.description ?? '').length).toBeLessThanOrEqual(220);
      if (role === 'principal') {
        expect(json.description).toMatch(/не анонимна/);
      } else {
        expect(json.description).toMatch(/^Анонимно/);
      }
    });

    it('has short pages of 3–6 questions and stays answerable in about 3 minutes', () => {
      for (const page of json.pages ?? []) {
        expect(page.title, page.name).toMatch(/[А-Яа-яЁё]/);
        expect(page.elements.length, page.name).toBeGreaterThanOrEqual(3);
        expect(page.elements.length, page.name).toBeLessThanOrEqual(6);
      }
      expect(raw.length).toBeLessThanOrEqual(18);
    });

    it('names every question with the role prefix', () => {
      for (const q of raw) {
        expect(q.name).toMatch(new RegExp(`^${PREFIX[role]}[a-z0-9]+(_[a-z0-9]+)*$`));
        // "p_" and "pa_" share a letter: a principal question must not look like a parent one.
        if (role !== 'parent') expect(q.name.startsWith(PREFIX.parent), q.name).toBe(false);
      }
    });

    it('keeps question names unique across the file', () => {
      const names = raw.map((q) => q.name);
      expect(new Set(names).size).toBe(names.length);
    });

    it('uses only the allowed question types and no free-text input', () => {
      const survey = new Model(json);
      for (const q of survey.getAllQuestions()) {
        expect(ALLOWED_TYPES.has(q.getType()), `${q.name}: ${q.getType()}`).toBe(true);
      }
      for (const q of raw) {
        expect(ALLOWED_TYPES.has(q.type), `${q.name}: ${q.type}`).toBe(true);
        if (q.type === 'text') expect(q.inputType, q.name).toBe('number');
      }
      expect(findKeyDeep(json, FORBIDDEN_PROPERTIES)).toEqual([]);
    });

    it('keeps every question optional and without display logic', () => {
      for (const q of raw) {
        expect(q.isRequired ?? false, q.name).toBe(false);
        expect(q.visibleIf, q.name).toBeUndefined();
      }
    });

    it('writes every question in short Russian', () => {
      for (const q of raw) {
        expect(q.title, q.name).toMatch(/[А-Яа-яЁё]/);
        expect((q.title ?? '').length, q.name).toBeLessThanOrEqual(100);
        if (q.description !== undefined) expect(q.description.length, q.name).toBeLessThanOrEqual(DESCRIPTION_MAX[role]);
      }
    });

    it('gives choice questions {value, text} choices with unique, well-formed values', () => {
      for (const q of raw.filter((q) => SELECT_TYPES.has(q.type))) {
        const choices = q.choices ?? [];
        expect(choices.length, q.name).toBeGreaterThanOrEqual(2);
        for (const choice of choices) {
          expect(choice, q.name).toEqual({ value: expect.anything(), text: expect.any(String) });
          const { value, text } = choice as RawChoice;
          expect(text, `${q.name}=${value}`).toMatch(/[А-Яа-яЁё0-9]/);
          expect(text.length, `${q.name}=${value}`).toBeLessThanOrEqual(60);
          if (typeof value === 'number') {
            // Numbers only on 1–5 scales that need "затрудняюсь ответить" (a rating cannot offer it).
            expect(Number.isInteger(value) && value >= 1 && value <= 5, `${q.name}=${value}`).toBe(true);
          } else {
            expect(value, q.name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
          }
        }
        const values = choiceValues(q);
        expect(new Set(values).size, q.name).toBe(values.length);
        const numeric = values.filter((v) => typeof v === 'number');
        if (numeric.length > 0) {
          expect(q.type, q.name).not.toBe('checkbox');
          expect(
            values.filter((v) => typeof v !== 'number'),
            q.name,
          ).toEqual([DONT_KNOW]);
        }
        const dontKnow = (choices as RawChoice[]).find((c) => c.value === DONT_KNOW);
        if (dontKnow) {
          expect(role === 'student' ? [DONT_KNOW_TEXT, DONT_KNOW_TEXT_STUDENT] : [DONT_KNOW_TEXT], q.name).toContain(dontKnow.text);
          expect(values.at(-1), `${q.name}: "затрудняюсь ответить" goes last`).toBe(DONT_KNOW);
        }
      }
    });

    it('offers "затрудняюсь ответить" wherever the respondent may not know', () => {
      const known = v.alwaysKnown[role];
      for (const name of known) expect(findQuestion(role, name), `ALWAYS_KNOWN lists ${name}`).toBeDefined();
      for (const q of raw.filter((q) => SELECT_TYPES.has(q.type) && !known.includes(q.name))) {
        expect(choiceValues(q), q.name).toContain(DONT_KNOW);
      }
    });

    it('gives ratings integer bounds and number inputs explicit min/max', () => {
      for (const q of raw) {
        if (q.type === 'rating') {
          expect(Number.isInteger(q.rateMin) && Number.isInteger(q.rateMax), q.name).toBe(true);
          expect(q.rateMin as number, q.name).toBeLessThan(q.rateMax as number);
          expect(q.minRateDescription, q.name).toEqual(expect.any(String));
          expect(q.maxRateDescription, q.name).toEqual(expect.any(String));
        }
        if (q.type === 'text') {
          expect(typeof q.min === 'number' && typeof q.max === 'number', q.name).toBe(true);
          expect(q.min as number, q.name).toBeLessThan(q.max as number);
          expect(q.min as number, q.name).toBeGreaterThanOrEqual(0);
        }
      }
    });

    it('asks only questions that the risk model scores, plus the context questions', () => {
      const used = new Set(
        model.factors
          .flatMap((f) => f.indicators)
          .filter((i) => i.role === role)
          .flatMap((i) => [i.question, i.numerator, i.denominator])
          .filter((n): n is string => typeof n === 'string'),
      );
      for (const name of v.context[role]) expect(findQuestion(role, name), name).toBeDefined();
      for (const q of raw) {
        expect(used.has(q.name) || v.context[role].includes(q.name), `${q.name} is neither scored nor context`).toBe(true);
      }
    });
  });

  describe('context questions', () => {
    it('asks the student grade 5–11 and keeps every context question a choice', () => {
      expect(choiceValues(findQuestion('student', 's_grade')!)).toEqual(['5', '6', '7', '8', '9', '10', '11']);
      for (const role of ROLES) for (const name of v.context[role]) expect(SELECT_TYPES.has(findQuestion(role, name)!.type), name).toBe(true);
    });

    it('asks the principal for the totals used as denominators', () => {
      expect(isNumberInput(findQuestion('principal', 'p_students_total'))).toBe(true);
      expect(isNumberInput(findQuestion('principal', 'p_teachers_total'))).toBe(true);
    });
  });

  describe('principal number checks', () => {
    const numbers = questionsOf(surveys.principal).filter(isNumberInput);
    /** Every «part ≤ total» validator of the form the server knows (docs/methodology.md §7 rule 2). */
    const parts = numbers.flatMap((q) =>
      ((q.validators as Array<{ expression?: string }> | undefined) ?? []).flatMap(({ expression }) => {
        const match = /^\{(\w+)\} empty or \{(\w+)\} empty or \{\1\} <= \{\2\}$/.exec(expression ?? '');
        return match && match[1] === q.name ? [{ part: match[1], total: match[2]! }] : [];
      }),
    );

    function errorsFor(values: Record<string, number>): string[] {
      const survey = new Model(surveys.principal);
      for (const [name, value] of Object.entries(values)) survey.setValue(name, value);
      survey.validate(false);
      return survey
        .getAllQuestions()
        .filter((q) => q.errors.length > 0)
        .map((q) => q.name);
    }

    it('checks the counts that are parts of a total', () => {
      const named = parts.map((p) => p.part).sort();
      expect(named).toEqual(
        numbers
          .map((q) => q.name)
          .filter((name) => /_(failing|ovz|pension|60plus|2_11|weak_russian)$/.test(name))
          .sort(),
      );
    });

    it.each(parts)('rejects $part larger than $total and accepts it equal or alone', ({ part, total }) => {
      expect(errorsFor({ [total]: 10, [part]: 11 })).toEqual([part]);
      expect(errorsFor({ [total]: 10, [part]: 10 })).toEqual([]);
      expect(errorsFor({ [part]: 3 })).toEqual([]);
      expect(errorsFor({ [total]: 300 })).toEqual([]);
    });

    it('rejects a number above its maximum', () => {
      for (const q of numbers) expect(errorsFor({ [q.name]: (q.max as number) + 1 }), q.name).toEqual([q.name]);
    });
  });

  describe('risk-model.json', () => {
    const indicators = model.factors.flatMap((f) => f.indicators);

    it(`is ${v.modelId} with valid thresholds and participation minimums`, () => {
      expect(model.id).toBe(v.modelId);
      expect(model.title).toMatch(/[А-Яа-яЁё]/);
      expect(model.levels.medium).toBe(0.34);
      expect(model.levels.high).toBe(0.67);
      const rates = typeof model.minRate === 'number' ? [model.minRate] : Object.values(model.minRate);
      if (typeof model.minRate === 'object') {
        for (const role of Object.keys(model.minRate)) expect(ROLES).toContain(role);
      }
      for (const rate of rates) {
        expect(rate).toBeGreaterThan(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
    });

    it('has the ten factors R1…R10 with the titles of docs/methodology.md §5', () => {
      expect(model.factors.map((f) => f.id)).toEqual(v.factorTitles.map((_, i) => `R${i + 1}`));
      expect(model.factors.map((f) => f.title)).toEqual(v.factorTitles);
      for (const factor of model.factors) {
        expect(factor.indicators.length, factor.id).toBeGreaterThanOrEqual(3);
        if (factor.levels) expect(factor.levels.medium, factor.id).toBeLessThan(factor.levels.high);
      }
    });

    it('gives every indicator a unique id inside its factor, a known role and kind, and a positive weight', () => {
      const ids = indicators.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const factor of model.factors) {
        for (const indicator of factor.indicators) {
          expect(indicator.id).toMatch(new RegExp(`^${factor.id}\\.[a-z0-9_]+$`));
          expect(ROLES).toContain(indicator.role);
          expect(KINDS).toContain(indicator.kind);
          expect(indicator.weight ?? 1, indicator.id).toBeGreaterThan(0);
          if (v.fixedWeights) expect(indicator.weight ?? 1, indicator.id).toBe(indicator.role === 'principal' && indicator.kind === 'ratio' ? 2 : 1);
        }
      }
    });

    it.each(indicators.map((i) => ({ id: i.id, indicator: i })))('$id names existing questions of a fitting type', ({ indicator }) => {
      const { role, kind } = indicator;
      const prefix = PREFIX[role];
      if (kind === 'ratio') {
        expect(indicator.question).toBeUndefined();
        for (const name of [indicator.numerator, indicator.denominator]) {
          expect(name, 'numerator/denominator').toEqual(expect.any(String));
          expect(name!.startsWith(prefix)).toBe(true);
          expect(isNumberInput(findQuestion(role, name!)), `${name} in ${role}.json as a number input`).toBe(true);
        }
        expect(indicator.numerator).not.toBe(indicator.denominator);
        expect(typeof indicator.best === 'number' && typeof indicator.worst === 'number').toBe(true);
        expect(indicator.best).not.toBe(indicator.worst);
        return;
      }

      if (kind === 'rate') {
        // A participation rate: counted, never asked.
        expect([indicator.question, indicator.numerator, indicator.denominator]).toEqual([undefined, undefined, undefined]);
        expect(role, 'a rate of an anonymous role').not.toBe('principal');
        for (const bound of [indicator.best!, indicator.worst!]) {
          expect(bound).toBeGreaterThanOrEqual(0);
          expect(bound).toBeLessThanOrEqual(1);
        }
        expect(indicator.best).toBeGreaterThan(indicator.worst!);
        return;
      }

      expect(indicator.question, 'question').toEqual(expect.any(String));
      expect(indicator.question!.startsWith(prefix)).toBe(true);
      const q = findQuestion(role, indicator.question!);
      expect(q, `${indicator.question} in ${role}.json`).toBeDefined();
      if (!q) return;

      if (kind === 'share') {
        expect(SELECT_TYPES.has(q.type), q.type).toBe(true);
        const values = indicator.values ?? [];
        expect(values.length).toBeGreaterThan(0);
        expect(values).not.toContain(DONT_KNOW);
        for (const value of values) expect(choiceValues(q), `${q.name} offers ${value}`).toContain(value);
        const notApplicable = indicator.notApplicable ?? [];
        expect(notApplicable).not.toContain(DONT_KNOW);
        for (const value of notApplicable) {
          expect(choiceValues(q), `${q.name} offers ${value}`).toContain(value);
          expect(values, `${value} both counted and not applicable`).not.toContain(value);
        }
        // A share over every real choice would always be 1.
        expect(values.length + notApplicable.length).toBeLessThan(realChoiceValues(q).length);
        const best = indicator.best ?? 0;
        const worst = indicator.worst ?? 1;
        expect(best).toBeGreaterThanOrEqual(0);
        expect(worst).toBeLessThanOrEqual(1);
        expect(best).not.toBe(worst);
      }

      if (kind === 'choice') {
        expect(['radiogroup', 'dropdown']).toContain(q.type);
        const risk = indicator.risk ?? {};
        expect(Object.keys(risk)).not.toContain(DONT_KNOW);
        for (const key of Object.keys(risk)) expect(choiceValues(q).map(String), `${q.name} offers ${key}`).toContain(key);
        // An answer missing from the map would silently not count: map every real choice but those that say the
        // question does not apply.
        const unscored = v.unscoredChoices[q.name] ?? [];
        for (const value of unscored) expect(choiceValues(q).map(String), `${q.name} offers ${value}`).toContain(value);
        expect(Object.keys(risk).sort()).toEqual(
          realChoiceValues(q)
            .map(String)
            .filter((value) => !unscored.includes(value))
            .sort(),
        );
        for (const value of Object.values(risk)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(Math.max(...Object.values(risk))).toBe(1);
        expect(Math.min(...Object.values(risk))).toBe(0);
      }

      if (kind === 'mean') {
        const range = numericRange(q);
        expect(range, `${q.name} has numeric answers`).toBeDefined();
        expect(typeof indicator.best === 'number' && typeof indicator.worst === 'number').toBe(true);
        expect(indicator.best).not.toBe(indicator.worst);
        const [min, max] = range!;
        for (const bound of [indicator.best!, indicator.worst!]) {
          expect(bound).toBeGreaterThanOrEqual(min);
          expect(bound).toBeLessThanOrEqual(max);
        }
      }
    });

    it('covers every factor with at least two roles so one missing role rarely leaves it insufficient', () => {
      for (const factor of model.factors) {
        expect(new Set(factor.indicators.map((i) => i.role)).size, factor.id).toBeGreaterThanOrEqual(2);
      }
    });

    // Version 2: the principal alone never carries a factor past coverage 0.5, so no verdict rests on one
    // person's report (docs/methodology.md §10, change 4).
    it.runIf(!v.fixedWeights)('gives the principal less than half of every factor’s weight', () => {
      for (const factor of model.factors) {
        const weight = (indicators: Indicator[]) => indicators.reduce((sum, i) => sum + (i.weight ?? 1), 0);
        const principal = weight(factor.indicators.filter((i) => i.role === 'principal'));
        expect(principal / weight(factor.indicators), factor.id).toBeLessThan(0.5);
      }
    });
  });
});
