import { describe, expect, it } from 'vitest';
import { factorsMeasuredAlike } from '../../server/dynamics/comparable.js';
import type { ChoiceIndicator, Factor, RiskModel, ShareIndicator } from '../../server/scoring/model.js';
import { compileQuestionnaire, type Questionnaires } from '../../server/surveys/questionnaires.js';

const share = (id: string): ShareIndicator => ({ id: `${id}.a`, role: 'teacher', kind: 'share', question: 't_a', values: ['no'], weight: 1, title: 'Доля' });
const choice = (id: string): ChoiceIndicator => ({ id: `${id}.b`, role: 'parent', kind: 'choice', question: 'p_b', risk: { yes: 0, no: 1 }, weight: 2 });

const factor = (id: string, extra: Partial<Factor> = {}): Factor => ({ id, title: `Фактор ${id}`, indicators: [share(id), choice(id)], ...extra });

const model = (id: string, factors: Factor[], levels = { medium: 0.34, high: 0.67 }): RiskModel => ({
  id,
  title: id,
  levels,
  minRate: 0.5,
  factors,
});

const v1 = model('v1', [factor('R1'), factor('R2'), factor('R3', { levels: { medium: 0.3, high: 0.6 } })]);

describe(factorsMeasuredAlike.name, () => {
  it('takes every factor of one model', () => {
    expect([...factorsMeasuredAlike(v1, v1)]).toEqual(['R1', 'R2', 'R3']);
  });

  it('takes a factor whose indicators differ only in words or in the order of keys and indicators', () => {
    const [a, b] = [share('R1'), choice('R1')];
    const reworded = factor('R1', {
      title: 'Другое название',
      description: 'Новое описание',
      indicators: [
        { ...b, title: 'Ответ родителей', risk: { no: 1, yes: 0 } },
        { ...a, title: 'Иначе названная доля', description: 'Пояснение' },
      ],
    });
    expect(factorsMeasuredAlike(v1, model('v2', [reworded, factor('R2'), factor('R3', { levels: { medium: 0.3, high: 0.6 } })]))).toEqual(
      new Set(['R1', 'R2', 'R3']),
    );
  });

  it('leaves out a factor with another weight, risk, question, indicator or threshold, and one that only one model has', () => {
    const [a, b] = [share('R1'), choice('R1')];
    const v2 = model('v2', [
      factor('R1', { indicators: [a, { ...b, weight: 1 }] }),
      factor('R2', { indicators: [share('R2')] }),
      factor('R3', { levels: { medium: 0.3, high: 0.65 } }),
      factor('R4'),
    ]);
    expect(factorsMeasuredAlike(v1, v2)).toEqual(new Set());
    const otherRisk = factor('R1', { indicators: [a, { ...b, risk: { yes: 0, no: 0.9 } }] });
    const otherQuestion = factor('R2', { indicators: [{ ...share('R2'), question: 't_other' }, choice('R2')] });
    expect(factorsMeasuredAlike(v1, model('v3', [otherRisk, otherQuestion]))).toEqual(new Set());
  });

  it("compares a factor's effective thresholds: the model's when the factor has none of its own", () => {
    const v2 = model('v2', [factor('R1'), factor('R2', { levels: { medium: 0.34, high: 0.67 } })], { medium: 0.4, high: 0.7 });
    // R1 now reads the new model-wide thresholds; R2 states the old ones as its own.
    expect(factorsMeasuredAlike(v1, v2)).toEqual(new Set(['R2']));
  });

  it("takes, with one model, only the factors whose questions each wave's questionnaires word alike", () => {
    const radio = (name: string, title: string, values: string[]) => ({ type: 'radiogroup', name, title, choices: values });
    const asked = (teacherTitle: string): Questionnaires =>
      ({
        teacher: compileQuestionnaire('teacher', { pages: [{ elements: [radio('t_a', teacherTitle, ['yes', 'no'])] }] }),
        parent: compileQuestionnaire('parent', { pages: [{ elements: [radio('p_b', 'Вопрос родителям', ['yes', 'no'])] }] }),
      }) as Questionnaires;
    const one = model('v1', [factor('R1'), factor('R2', { indicators: [choice('R2')] })]);
    expect(factorsMeasuredAlike(one, one, { earlier: asked('Есть ли компьютер?'), later: asked('Есть ли компьютер?') })).toEqual(new Set(['R1', 'R2']));
    // The teachers' question reworded between the waves: R1 reads it, R2 reads only the parents' one.
    expect(factorsMeasuredAlike(one, one, { earlier: asked('Есть ли компьютер?'), later: asked('Есть ли в кабинете компьютер?') })).toEqual(new Set(['R2']));
  });
});
