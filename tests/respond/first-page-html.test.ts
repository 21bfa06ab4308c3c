import { describe, expect, it } from 'vitest';
import { firstPageHtml, firstPageQuestions, jsonForScript, respondentPageWithFirstPage } from '../../server/respond/first-page/first-page-html.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';

const questionnaires = await loadQuestionnaires();

describe('the plain first page written into the respondent page', () => {
  it("shows the parent questionnaire's first page: the grade as a list, the two ratings as choices numbered by position", () => {
    const html = firstPageHtml(questionnaires.parent.json, 'МБОУ «СОШ № 1»')!;
    expect(html).toContain('<span class="rs-header__school">МБОУ «СОШ № 1»</span>');
    expect(html).toContain('<h1 class="rs-intro__title">Анкета для родителей</h1>');
    expect(html).toContain(
      '<select class="rs-pre__select" id="rs-pre-pa_child_grade" name="pa_child_grade"><option value=""></option><option value="0">1 класс</option>',
    );
    expect(html.match(/<input type="radio" name="pa_relations" value="\d">/g)).toHaveLength(6);
    expect(html).toContain('<input type="radio" name="pa_order" value="5"><span>Затрудняюсь ответить</span>');
    // Only the first page: nothing of the second.
    const secondPage = (questionnaires.parent.json.pages as Array<{ elements: Array<{ name: string }> }>)[1]!.elements[0]!.name;
    expect(html).not.toContain(secondPage);
  });

  it("shows every role's first page, each question of it", () => {
    for (const role of ['principal', 'teacher', 'student', 'parent'] as const) {
      const json = questionnaires[role].json as { pages: Array<{ elements: Array<{ name: string }> }> };
      const html = firstPageQuestions(json)!;
      for (const element of json.pages[0]!.elements) expect(html, `${role}: ${element.name}`).toContain(`name="${element.name}"`);
    }
  });

  it('writes a rating as its values and a number as a bounded number field', () => {
    const html = firstPageQuestions({
      pages: [
        {
          elements: [
            { type: 'rating', name: 'r', title: 'Оценка', rateMin: 0, rateMax: 10, rateStep: 5, minRateDescription: 'плохо', maxRateDescription: 'хорошо' },
            { type: 'text', inputType: 'number', name: 'n', title: 'Сколько', min: 0, max: 99 },
          ],
        },
      ],
    })!;
    expect(html.match(/<input type="radio" name="r" value="(\d)"><span>(\d+)<\/span>/g)).toEqual([
      '<input type="radio" name="r" value="0"><span>0</span>',
      '<input type="radio" name="r" value="1"><span>5</span>',
      '<input type="radio" name="r" value="2"><span>10</span>',
    ]);
    expect(html).toContain('плохо … хорошо');
    expect(html).toContain('type="number" inputmode="decimal" id="rs-pre-n" name="n" min="0" max="99"');
  });

  it('stops at the first question it cannot show as SurveyJS would: a condition, another type, a free answer', () => {
    const choice = (name: string, extra: object = {}) => ({ type: 'radiogroup', name, title: name, choices: ['a', 'b'], ...extra });
    const page = (...elements: object[]) => firstPageQuestions({ pages: [{ elements }] });
    expect(page(choice('q1'), choice('q2', { visibleIf: '{q1} = "a"' }), choice('q3'))).toMatch(/name="q1"(?![\s\S]*name="q[23]")/);
    expect(page(choice('q1'), { type: 'comment', name: 'c' }, choice('q3'))).not.toContain('q3');
    expect(page(choice('q1', { showOtherItem: true }))).toBeNull();
    expect(page({ type: 'html', name: 'h', html: '<b>x</b>' })).toBeNull();
    expect(firstPageQuestions({})).toBeNull();
  });

  it('escapes every text it writes, and never lets the facts close their script element', () => {
    const html = firstPageHtml(
      {
        title: '<script>alert(1)</script>',
        pages: [{ elements: [{ type: 'radiogroup', name: 'q', title: '"><img src=x onerror=alert(1)>', choices: [{ value: 1, text: '<b>&' }] }] }],
      },
      '<i>Школа</i>',
    )!;
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<span>&lt;b&gt;&amp;</span>');

    const facts = { school: { name: '</script><script>alert(1)</script>' }, text: 'a\u2028b' };
    const page = respondentPageWithFirstPage('<body><div id="root"></div></body>', facts, null);
    expect(page.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(/<script type="application\/json" id="rs-link">([^<]*)<\/script>/.exec(page)![1]!)).toEqual(facts);
    // A replacement pattern in the facts is text, not an instruction to String.replace.
    expect(respondentPageWithFirstPage('<div id="root"></div>', { a: "$&$'" }, null)).toContain(`{"a":"$&$'"}`);
    expect(jsonForScript('<')).toBe('"\\u003c"');
  });

  it('leaves a page without the mount point as it is', () => {
    expect(respondentPageWithFirstPage('<body></body>', {}, '<div></div>')).toBe('<body></body>');
  });
});
