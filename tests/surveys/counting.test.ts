import { describe, expect, it } from 'vitest';
import { compileQuestionnaire, type SurveyElement, type SurveyJson } from '../../server/surveys/questionnaires.js';

// docs/methodology.md §7: which questions an answer must answer to count, and the parts that may not exceed their totals.
const number = (name: string, extra: object = {}) => ({ type: 'text', inputType: 'number', name, min: 0, max: 1000, ...extra });
const choice = (name: string) => ({ type: 'radiogroup', name, choices: [{ value: 'yes' }, { value: 'dont_know' }] });
const survey = (...elements: object[]): SurveyJson => ({ pages: [{ elements: elements as SurveyElement[] }] });
const partOf = (part: string, total: string) => ({ type: 'expression', expression: `{${part}} empty or {${total}} empty or {${part}} <= {${total}}` });

describe('compileQuestionnaire', () => {
  it('counts only scored questions, at least one, rounding the share up', () => {
    const json = survey(choice('a'), choice('b'), choice('c'), choice('context'));
    expect(compileQuestionnaire('parent', json, 'parent.json', new Set(['a', 'b', 'c']), { minAnsweredShare: 0.5 }).counting).toEqual({
      questions: ['a', 'b', 'c'],
      minAnswered: 2,
      minSeconds: 30,
    });
    expect(compileQuestionnaire('parent', json, 'parent.json', new Set(['a', 'b', 'c']), { minAnsweredShare: 0.01 }).counting.minAnswered).toBe(1);
    // A questionnaire the model does not score still needs answers: all its questions count then.
    expect(compileQuestionnaire('parent', json, 'parent.json', new Set(), { minAnsweredShare: 0.5 }).counting).toEqual({
      questions: ['a', 'b', 'c', 'context'],
      minAnswered: 2,
      minSeconds: 30,
    });
  });

  it('refuses a share that is not above 0 and at most 1', () => {
    for (const share of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => compileQuestionnaire('parent', survey(choice('a')), 'parent.json', undefined, { minAnsweredShare: share })).toThrow(
        /parent\.json: its minAnsweredShare in counting\.json/,
      );
    }
  });

  it('compiles «part ≤ total» validators, and refuses at load any expression the server cannot check', () => {
    const ok = survey(number('total'), number('part', { validators: [partOf('part', 'total')] }));
    expect(compileQuestionnaire('principal', ok).partsOfTotals).toEqual([{ part: 'part', total: 'total' }]);
    const other = survey(number('total'), number('part', { validators: [{ type: 'expression', expression: '{part} < {total} * 2' }] }));
    expect(() => compileQuestionnaire('principal', other, 'principal.json')).toThrow(
      /principal\.json: question "part" has the expression validator .* which the server cannot check/,
    );
    const notNumbers = survey(choice('total'), number('part', { validators: [partOf('part', 'total')] }));
    expect(() => compileQuestionnaire('principal', notNumbers, 'principal.json')).toThrow(/both must be number questions/);
  });
});
