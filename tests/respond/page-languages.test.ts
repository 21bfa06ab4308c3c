import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGES, pageStrings, pageTextKeys } from '../../client/src/respond/page-text.js';
import { strings } from '../../client/src/respond/strings.js';
import { readTranslations } from '../../server/surveys/translations.js';

describe('the respondent page in the questionnaires’ languages', () => {
  it('ships its own words in every language a questionnaire is translated into, each text of every key and no other', async () => {
    const questionnaireLanguages = new Set((await readTranslations()).map((t) => t.language));
    const files = readdirSync('client/src/respond/page-languages').map((f) => f.replace(/\.json$/, ''));
    expect(new Set(files)).toEqual(questionnaireLanguages);
    for (const language of questionnaireLanguages) {
      const page = PAGE_LANGUAGES[language];
      expect(page?.language).toBe(language);
      expect(Object.keys(page.texts).sort(), language).toEqual(pageTextKeys().sort());
      for (const [key, text] of Object.entries(page.texts)) expect(text.trim(), `${language} ${key}`).not.toBe('');
      expect(page.texts.tooFewAnswers, language).toContain('{n}');
    }
  });

  it('marks every shipped page translation unverified, like a questionnaire translation nobody has confirmed', () => {
    expect(Object.values(PAGE_LANGUAGES).map((l) => l.verified)).toEqual([false, false, false]);
  });

  it('gives the translated words in their places, the number in the count, and Russian for Russian or an unknown language', () => {
    const uz = pageStrings('uz');
    expect(uz.thanksTitle).toBe('Rahmat! Javoblar yuborildi');
    expect(uz.answerAgain.parent.button).toBe(PAGE_LANGUAGES.uz.texts['answerAgain.parent.button']);
    expect(uz.submitErrors.wave_closed).toBe(PAGE_LANGUAGES.uz.texts['submitErrors.wave_closed']);
    expect(uz.tooFewAnswers(3)).toBe('Soʻrovnoma hisobga olinishi uchun yana kamida 3 ta savolga javob kerak.');
    // The screens before a link opens stay Russian: the language is not known yet.
    expect(uz.notFound).toBe(strings.notFound);
    expect(pageStrings('ru')).toBe(strings);
    expect(pageStrings('fr')).toBe(strings);
    expect(pageStrings('ky').tooFewAnswers(2)).toBe('Сурамжылоо эсепке алынышы үчүн дагы жок дегенде 2 суроого жооп керек.');
  });
});
