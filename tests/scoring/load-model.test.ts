import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFile } from '../../server/risk-models/model-file.js';
import { ModelError, validateModel } from '../../server/risk-models/validate-model.js';
import { ROLES, type Role } from '../../server/shared/roles.js';
import { compileQuestionnaire, type Questionnaires, type SurveyJson } from '../../server/surveys/questionnaires.js';

const FILE = 'regions/test-model.json';

const surveys: Record<Role, SurveyJson> = {
  principal: {
    title: 'Руководитель',
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'radiogroup',
            name: 'p_internet',
            choices: [{ value: 'none', text: 'Нет' }, 'slow', { value: 'fast', text: 'Быстрый' }, 'dont_know'],
          },
          { type: 'text', name: 'p_students_total', inputType: 'number', min: 1, max: 5000 },
          { type: 'text', name: 'p_vacancies', inputType: 'number', min: 0, max: 500 },
        ],
      },
    ],
  },
  teacher: {
    title: 'Учитель',
    pages: [
      {
        name: 't1',
        elements: [
          { type: 'radiogroup', name: 't_pc', choices: ['yes', 'no', 'no_lessons', 'dont_know'] },
          { type: 'rating', name: 't_equipment', rateMin: 1, rateMax: 5 },
          { type: 'dropdown', name: 't_confidence', choices: [1, 2, 3, { value: 'dont_know', text: 'Затрудняюсь' }] },
          {
            type: 'panel',
            name: 't_panel',
            elements: [{ type: 'checkbox', name: 't_methods', choices: ['levels', 'groups', 'dont_know'] }],
          },
        ],
      },
    ],
  },
  student: { title: 'Ученик', pages: [{ name: 's1', elements: [{ type: 'dropdown', name: 's_grade', choices: [5, 6, 7] }] }] },
  parent: { title: 'Родитель', pages: [{ name: 'pa1', elements: [{ type: 'radiogroup', name: 'pa_books', choices: ['few', 'many'] }] }] },
};

const questionnaires = Object.fromEntries(ROLES.map((role) => [role, compileQuestionnaire(role, surveys[role])])) as Questionnaires;

/** A valid model using every kind; tests break one thing in a copy of it. */
function validModel() {
  return {
    id: 'test-v1',
    title: 'Тест',
    levels: { medium: 0.34, high: 0.67 },
    minRate: { principal: 1, parent: 0.2 },
    factors: [
      {
        id: 'R1',
        title: 'Оснащение',
        levels: { medium: 0.3, high: 0.6 },
        indicators: [
          { id: 'R1.internet', role: 'principal', kind: 'choice', question: 'p_internet', risk: { none: 1, slow: 0.5, fast: 0 }, weight: 2 },
          { id: 'R1.pc', role: 'teacher', kind: 'share', question: 't_pc', values: ['no'], notApplicable: ['no_lessons'] },
          { id: 'R1.equipment', role: 'teacher', kind: 'mean', question: 't_equipment', best: 5, worst: 1, weight: 1 },
        ],
      },
      {
        id: 'R2',
        title: 'Кадры',
        indicators: [
          { id: 'R2.vacancies', role: 'principal', kind: 'ratio', numerator: 'p_vacancies', denominator: 'p_students_total', best: 0, worst: 0.1, weight: 2 },
          { id: 'R2.confidence', role: 'teacher', kind: 'mean', question: 't_confidence', best: 3, worst: 1, weight: 1 },
          { id: 'R2.methods', role: 'teacher', kind: 'share', question: 't_methods', values: ['levels', 'groups'], best: 1, worst: 0, weight: 1 },
          { id: 'R2.books', role: 'parent', kind: 'share', question: 'pa_books', values: ['few'], best: 0, worst: 0.6, weight: 1 },
          { id: 'R2.parents', role: 'parent', kind: 'rate', best: 0.8, worst: 0.2 },
        ],
      },
    ],
  };
}

type ModelJson = ReturnType<typeof validModel>;
type IndicatorJson = Record<string, unknown>;

function indicator(model: ModelJson, id: string): IndicatorJson {
  const found = model.factors.flatMap((f) => f.indicators as IndicatorJson[]).find((ind) => ind.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

function problemsAfter(edit: (model: ModelJson) => void): string[] {
  const model = validModel();
  edit(model);
  try {
    validateModel(model, questionnaires, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return (e as Error).message.split('\n');
  }
  throw new Error('the model was accepted');
}

describe(validateModel.name, () => {
  it('accepts a valid model and gives indicators without a weight the weight 1', () => {
    const model = validateModel(validModel(), questionnaires, FILE);
    expect(model.factors.map((f) => f.id)).toEqual(['R1', 'R2']);
    expect(model.factors[0]?.indicators[1]).toEqual({
      id: 'R1.pc',
      role: 'teacher',
      kind: 'share',
      question: 't_pc',
      values: ['no'],
      notApplicable: ['no_lessons'],
      weight: 1,
    });
    expect(model.factors[1]?.indicators[4]).toEqual({ id: 'R2.parents', role: 'parent', kind: 'rate', best: 0.8, worst: 0.2, weight: 1 });
  });

  it('names the file, the indicator and a question missing from the role questionnaire', () => {
    const problems = problemsAfter((m) => (indicator(m, 'R1.pc').question = 't_missing'));
    expect(problems).toEqual([`${FILE}: indicator "R1.pc": question "t_missing" is not in the teacher questionnaire`]);
  });

  it('looks a question up in the questionnaire of the indicator role only', () => {
    const problems = problemsAfter((m) => (indicator(m, 'R1.pc').role = 'student'));
    expect(problems).toEqual([`${FILE}: indicator "R1.pc": question "t_pc" is not in the student questionnaire`]);
  });

  it('rejects an unknown role', () => {
    const problems = problemsAfter((m) => (indicator(m, 'R1.pc').role = 'director'));
    expect(problems).toEqual([`${FILE}: indicator "R1.pc": unknown role "director" (expected one of principal, teacher, student, parent)`]);
  });

  it('rejects an unknown kind', () => {
    const problems = problemsAfter((m) => (indicator(m, 'R1.pc').kind = 'median'));
    expect(problems).toEqual([`${FILE}: indicator "R1.pc": unknown kind "median" (expected one of share, mean, choice, ratio, rate)`]);
  });

  describe('kind and question type', () => {
    it('rejects share on a rating', () => {
      const problems = problemsAfter((m) => Object.assign(indicator(m, 'R1.pc'), { question: 't_equipment' }));
      expect(problems).toEqual([`${FILE}: indicator "R1.pc": share needs a single- or multi-choice question, but question "t_equipment" is a rating`]);
    });

    it('rejects share values that are not choices of the question', () => {
      const problems = problemsAfter((m) => (indicator(m, 'R2.methods').values = ['levels', 'lectures']));
      expect(problems).toEqual([`${FILE}: indicator "R2.methods": values: "lectures" is not a choice of question (choices: "levels", "groups", "dont_know")`]);
    });

    it('rejects dont_know among share values because it never counts as an answer', () => {
      const problems = problemsAfter((m) => (indicator(m, 'R1.pc').values = ['no', 'dont_know']));
      expect(problems).toEqual([`${FILE}: indicator "R1.pc": values: "dont_know" is never counted as an answer (docs/methodology.md §2)`]);
    });

    it('rejects notApplicable answers that are not choices, dont_know, or also counted in values', () => {
      const problems = problemsAfter((m) => (indicator(m, 'R1.pc').notApplicable = ['no_lessons', 'never', 'dont_know', 'no']));
      expect(problems).toEqual([
        `${FILE}: indicator "R1.pc": notApplicable: "never" is not a choice of question (choices: "yes", "no", "no_lessons", "dont_know")`,
        `${FILE}: indicator "R1.pc": notApplicable: "dont_know" is never counted as an answer (docs/methodology.md §2)`,
        `${FILE}: indicator "R1.pc": notApplicable: "no" is also in values`,
      ]);
    });

    it('rejects a rate that names a question or lacks its scale: it counts responses, it reads no answer', () => {
      const problems = problemsAfter((m) => {
        Object.assign(indicator(m, 'R2.parents'), { question: 'pa_books' });
        delete indicator(m, 'R2.parents').worst;
      });
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^${FILE}: indicator "R2.parents": .*question`)),
        expect.stringMatching(new RegExp(`^${FILE}: indicator "R2.parents": .*worst`)),
      ]);
    });

    it('rejects choice on a multi-select question', () => {
      const problems = problemsAfter((m) => Object.assign(indicator(m, 'R1.internet'), { role: 'teacher', question: 't_methods', risk: { levels: 0 } }));
      expect(problems).toEqual([`${FILE}: indicator "R1.internet": choice needs a single-choice question, but question "t_methods" is a checkbox`]);
    });

    it('rejects a risk key that is not a choice and a risk outside [0, 1]', () => {
      const problems = problemsAfter((m) => (indicator(m, 'R1.internet').risk = { none: 1.5, slow: 0.5, medium: 0.2 }));
      expect(problems).toEqual([
        `${FILE}: indicator "R1.internet": risk of "none" must be a number in [0, 1], got 1.5`,
        `${FILE}: indicator "R1.internet": risk: "medium" is not a choice of question (choices: "none", "slow", "fast", "dont_know")`,
      ]);
    });

    it('rejects mean on a single choice with text values and on a multi-choice question', () => {
      const problems = problemsAfter((m) => {
        indicator(m, 'R1.equipment').question = 't_pc';
        indicator(m, 'R2.confidence').question = 't_methods';
      });
      expect(problems).toEqual([
        `${FILE}: indicator "R1.equipment": mean needs a rating, a number input or a single choice with numeric values, but question "t_pc" is a radiogroup with non-numeric choices`,
        `${FILE}: indicator "R2.confidence": mean needs a rating, a number input or a single choice with numeric values, but question "t_methods" is a checkbox`,
      ]);
    });

    it('rejects choice on a number input', () => {
      const problems = problemsAfter((m) => Object.assign(indicator(m, 'R1.internet'), { question: 'p_vacancies', risk: { '0': 0 } }));
      expect(problems).toEqual([`${FILE}: indicator "R1.internet": choice needs a single-choice question, but question "p_vacancies" is a number input`]);
    });

    it('rejects ratio whose numerator is not numeric and whose denominator is missing', () => {
      const problems = problemsAfter((m) => Object.assign(indicator(m, 'R2.vacancies'), { numerator: 'p_internet', denominator: 'p_teachers' }));
      expect(problems).toEqual([
        `${FILE}: indicator "R2.vacancies": ratio needs numeric questions (rating, number input, numeric single choice), but numerator "p_internet" is a radiogroup with non-numeric choices`,
        `${FILE}: indicator "R2.vacancies": denominator "p_teachers" is not in the principal questionnaire`,
      ]);
    });
  });

  describe('numbers', () => {
    it.each([0, -1, '2', null])('rejects the weight %j', (weight) => {
      const problems = problemsAfter((m) => (indicator(m, 'R1.pc').weight = weight));
      expect(problems).toEqual([`${FILE}: indicator "R1.pc": weight must be a number > 0, got ${JSON.stringify(weight)}`]);
    });

    it('rejects best equal to worst, counting the share defaults', () => {
      const problems = problemsAfter((m) => {
        indicator(m, 'R1.equipment').worst = 5;
        indicator(m, 'R1.pc').worst = 0; // default best is 0
      });
      expect(problems).toEqual([
        `${FILE}: indicator "R1.pc": best and worst are both 0; the scale would divide by zero`,
        `${FILE}: indicator "R1.equipment": best and worst are both 5; the scale would divide by zero`,
      ]);
    });

    it('rejects model thresholds out of order and factor thresholds outside [0, 1]', () => {
      const problems = problemsAfter((m) => {
        m.levels = { medium: 0.67, high: 0.67 };
        m.factors[0]!.levels = { medium: 0.3, high: 1.2 };
      });
      expect(problems).toEqual([
        `${FILE}: model: levels: medium (0.67) must be below high (0.67)`,
        `${FILE}: factor "R1": levels.high must be a number in [0, 1], got 1.2`,
      ]);
    });

    it('rejects minRate outside [0, 1], per role too, and an unknown role in the map', () => {
      expect(problemsAfter((m) => Object.assign(m, { minRate: 1.5 }))).toEqual([`${FILE}: model: minRate must be a number in [0, 1], got 1.5`]);
      expect(problemsAfter((m) => Object.assign(m, { minRate: { principal: -0.1, director: 0.5 } }))).toEqual([
        `${FILE}: model: minRate.principal must be a number in [0, 1], got -0.1`,
        `${FILE}: model: minRate: unknown key "director" (expected one of principal, teacher, student, parent)`,
      ]);
    });
  });

  describe('structure', () => {
    it('rejects a file that is not an object', () => {
      expect(() => validateModel([], questionnaires, FILE)).toThrow(`${FILE}: model: must be a JSON object`);
    });

    it('rejects missing fields and a factor without indicators', () => {
      const problems = problemsAfter((m) => {
        delete (m as Partial<ModelJson>).id;
        m.factors[1]!.indicators = [];
        delete indicator(m, 'R1.pc').values;
      });
      expect(problems).toEqual([
        `${FILE}: model: id must be a non-empty string`,
        `${FILE}: indicator "R1.pc": values must be a non-empty array`,
        `${FILE}: factor "R2": indicators must be a non-empty array`,
      ]);
    });

    it('rejects a misspelt key rather than silently using the default', () => {
      const problems = problemsAfter((m) => {
        const pc = indicator(m, 'R1.pc');
        pc.wieght = 3;
      });
      expect(problems).toEqual([
        `${FILE}: indicator "R1.pc": unknown key "wieght" (expected one of id, role, weight, title, description, kind, question, values, notApplicable, best, worst)`,
      ]);
    });

    it('rejects duplicate factor ids and indicator ids across factors', () => {
      const problems = problemsAfter((m) => {
        m.factors[1]!.id = 'R1';
        indicator(m, 'R2.books').id = 'R1.pc';
      });
      expect(problems).toEqual([`${FILE}: factor "R1": duplicate id`, `${FILE}: indicator "R1.pc": duplicate id`]);
    });
  });

  it('reports every problem at once, one per line, each naming the file', () => {
    const model = validModel();
    indicator(model, 'R1.pc').question = 't_missing';
    indicator(model, 'R2.books').weight = 0;
    const error = (() => {
      try {
        validateModel(model, questionnaires, FILE);
      } catch (e) {
        return e as ModelError;
      }
    })();
    expect(error?.problems).toEqual([
      'indicator "R1.pc": question "t_missing" is not in the teacher questionnaire',
      'indicator "R2.books": weight must be a number > 0, got 0',
    ]);
    expect(error?.message.split('\n').every((line) => line.startsWith(`${FILE}: `))).toBe(true);
  });
});

describe(loadModelFile.name, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'risk-model-'));
    for (const [role, survey] of Object.entries(surveys)) {
      await writeFile(join(dir, `${role}.json`), JSON.stringify(survey));
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the model and the four questionnaires from disk', async () => {
    await writeFile(join(dir, 'model.json'), JSON.stringify(validModel()));
    await expect(loadModelFile(join(dir, 'model.json'), dir)).resolves.toMatchObject({ id: 'test-v1' });
  });

  it('names a file that is not valid JSON', async () => {
    await writeFile(join(dir, 'broken.json'), '{ "id": ');
    await expect(loadModelFile(join(dir, 'broken.json'), dir)).rejects.toThrow(`${join(dir, 'broken.json')}: invalid JSON`);
  });

  it('names every questionnaire that is missing, in the order of the roles whichever read fails first', async () => {
    const missing = ROLES.map((role) => `${join(dir, 'nowhere', `${role}.json`)}: cannot read file (ENOENT)`).join('\n');
    for (let i = 0; i < 20; i++) {
      await expect(loadModelFile(join(dir, 'model.json'), join(dir, 'nowhere'))).rejects.toThrow(new Error(missing));
    }
  });

  it('names a questionnaire the server could not validate answers against', async () => {
    const odd = join(dir, 'odd');
    await mkdir(odd);
    for (const role of ROLES) await writeFile(join(odd, `${role}.json`), JSON.stringify(surveys[role]));
    await writeFile(join(odd, 'teacher.json'), JSON.stringify({ pages: [{ elements: [{ type: 'comment', name: 't_free' }] }] }));
    await expect(loadModelFile(join(dir, 'model.json'), odd)).rejects.toThrow(`${join(odd, 'teacher.json')}: question "t_free" has type "comment"`);
  });

  it('validates the project model surveys/risk-model.json against the project questionnaires', async () => {
    const surveys = resolve(import.meta.dirname, '../../surveys');
    const model = await loadModelFile(join(surveys, 'risk-model.json'), surveys);
    expect(model.factors).toHaveLength(10);
  });
});
