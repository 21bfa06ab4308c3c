import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localisedSurvey, translatableStrings } from '../../server/shared/rules/survey-translations.js';
import { SURVEYS_DIR, type SurveyJson } from '../../server/surveys/questionnaires.js';
import { readTranslations, sourceOf, translationProblems, translationsOf } from '../../server/surveys/translations.js';

const shipped = await readTranslations();
const current = async (role: string) => JSON.parse(await readFile(join(SURVEYS_DIR, `${role}.json`), 'utf8')) as SurveyJson;
const parent = await current('parent');

/** Every localisable string back to its Russian `default`: what SurveyJS shows in Russian. */
function russianOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(russianOf);
  if (value !== null && typeof value === 'object') {
    if ('default' in value) return (value as { default: unknown }).default;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, russianOf(v)]));
  }
  return value;
}

describe('questionnaire translations (surveys/translations)', () => {
  it('ships the parent questionnaire in Uzbek, Tajik and Kyrgyz', () => {
    expect(shipped.map((t) => `${t.role}.${t.language}`).sort()).toEqual(['parent.ky', 'parent.tg', 'parent.uz']);
  });

  it.each(shipped.map((t) => [`${t.role}.${t.language}`, t] as const))('%s covers every string of its questionnaire and nothing else', async (_, t) => {
    expect(translationProblems(t, await current(t.role))).toEqual([]);
    expect(translationsOf(shipped, t.role, await current(t.role))).toContain(t);
  });

  it('knows the 51 strings of the parent questionnaire: titles, descriptions, 35 choices, 2 pages, the thanks', () => {
    const keys = [...translatableStrings(parent).keys()];
    expect(keys).toHaveLength(51);
    expect(keys.filter((k) => k.includes('.choice.'))).toHaveLength(11 + 6 + 6 + 4 + 4 + 2 + 4);
    expect(keys.slice(0, 5)).toEqual(['title', 'description', 'page.school.title', 'pa_child_grade.title', 'pa_child_grade.choice.1']);
    expect(keys.at(-1)).toBe('completedHtml');
  });

  it('names what a translation lacks, what it has too much, and a lost tag', () => {
    const uz = shipped.find((t) => t.language === 'uz')!;
    const { ['pa_order.title']: _dropped, ...strings } = uz.strings;
    const broken = {
      ...uz,
      strings: { ...strings, 'pa_gone.title': 'Eski savol', completedHtml: 'Rahmat!' },
      ui: { ...uz.ui, progressText: 'Sahifa {0}', loadingSurvey: 'Yuklanmoqda' },
    };
    expect(translationProblems(broken, parent)).toEqual([
      'missing "pa_order.title"',
      '"completedHtml" should keep </h3> </p> <h3> <p>',
      '"pa_gone.title" is not in the questionnaire',
      'ui "progressText" should keep {0} {1}',
      'ui "loadingSurvey" is not one of SURVEY_UI_KEYS',
    ]);
  });

  it('offers no translation for a questionnaire whose Russian changed since', () => {
    const changed = structuredClone(parent) as SurveyJson & { title: string };
    changed.title = 'Анкета для родителей (новая)';
    expect(sourceOf(changed)).not.toBe(sourceOf(parent));
    expect(translationsOf(shipped, 'parent', changed)).toEqual([]);
    expect(translationProblems(shipped[0], changed)[0]).toMatch(/^"source" should be [0-9a-f]{64}/);
  });

  it('changes only words: names, types and values of the localised questionnaire are the pinned one', () => {
    const localised = localisedSurvey(parent, shipped);
    expect(russianOf(localised)).toEqual(parent);
    const relations = (localised.pages as Array<{ elements: Array<{ name: string; choices: Array<{ value: unknown; text: unknown }> }> }>)[0].elements[1];
    expect(relations.name).toBe('pa_relations');
    expect(relations.choices[0]).toEqual({
      value: 5,
      text: { default: '5 — очень хорошо', ky: '5 — абдан жакшы', tg: '5 — хеле хуб', uz: '5 — juda yaxshi' },
    });
    expect(localisedSurvey(parent, [])).toEqual(parent);
  });
});
