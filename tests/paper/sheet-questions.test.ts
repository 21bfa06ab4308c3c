import { describe, expect, it } from 'vitest';
import { paperQuestions, readTyped, shownAnswer, type PaperQuestion } from '../../client/src/paper/sheet-questions.js';

const survey = {
  pages: [
    {
      elements: [
        {
          type: 'radiogroup',
          name: 'relations',
          title: { default: 'Relations', ru: 'Отношения' },
          choices: [
            { value: 5, text: '5 — очень хорошо' },
            { value: 1, text: '1 — плохо' },
            { value: 'dont_know', text: 'Затрудняюсь ответить' },
          ],
        },
        { type: 'html', name: 'note' },
        { type: 'panel', name: 'p', elements: [{ type: 'checkbox', name: 'help', title: 'Помощь', choices: ['a', 'b', 'c'] }] },
        { type: 'text', inputType: 'number', name: 'count', title: 'Сколько', min: 0, max: 100 },
        { type: 'rating', name: 'mood', title: 'Настроение', rateMin: 1, rateMax: 5 },
      ],
    },
  ],
};
const [relations, help, count, mood] = paperQuestions(survey) as [PaperQuestion, PaperQuestion, PaperQuestion, PaperQuestion];

describe('paper sheet questions', () => {
  it('numbers each choice 1..k in the questionnaire order, panels opened, Russian titles', () => {
    expect(paperQuestions(survey).map((q) => q.name)).toEqual(['relations', 'help', 'count', 'mood']);
    expect(relations).toMatchObject({ title: 'Отношения', kind: 'single' });
    expect(relations.kind === 'single' && relations.choices.map((c) => [c.number, c.value])).toEqual([
      [1, 5],
      [2, 1],
      [3, 'dont_know'],
    ]);
    expect(mood).toMatchObject({ kind: 'number', min: 1, max: 5, integer: true });
  });

  it('reads a typed digit as the printed choice; 0 or nothing skips; another number is refused', () => {
    expect(readTyped(relations, '1')).toEqual({ value: 5 });
    expect(readTyped(relations, '3')).toEqual({ value: 'dont_know' });
    expect(readTyped(relations, '0')).toEqual({ value: null });
    expect(readTyped(relations, ' ')).toEqual({ value: null });
    expect(readTyped(relations, '4')).toEqual({ problem: 'no_choice' });
    expect(readTyped(relations, '1 2')).toEqual({ problem: 'no_choice' });
  });

  it('reads several choices apart or as digits in a row, and refuses a repeated one', () => {
    expect(readTyped(help, '13')).toEqual({ value: ['a', 'c'] });
    expect(readTyped(help, '3, 1')).toEqual({ value: ['c', 'a'] });
    expect(readTyped(help, '11')).toEqual({ problem: 'repeated' });
  });

  it('reads numbers within their range, a comma as the decimal point', () => {
    expect(readTyped(count, '12,5')).toEqual({ value: 12.5 });
    expect(readTyped(count, '101')).toEqual({ problem: 'out_of_range' });
    expect(readTyped(count, 'abc')).toEqual({ problem: 'not_number' });
    expect(readTyped(mood, '2.5')).toEqual({ problem: 'not_whole' });
    expect(readTyped(mood, '4')).toEqual({ value: 4 });
  });

  it('shows an answer as its printed number and text', () => {
    expect(shownAnswer(relations, 'dont_know')).toBe('3 — Затрудняюсь ответить');
    expect(shownAnswer(help, ['a', 'c'])).toBe('1 — a; 3 — c');
    expect(shownAnswer(count, 7)).toBe('7');
    expect(shownAnswer(relations, null)).toBeNull();
  });
});
