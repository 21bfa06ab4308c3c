import { surveyLocalization, type Model } from 'survey-core';
import type { ServedTranslation } from '../../../server/respond/respond.schemas';
import { localisedSurvey } from '../../../server/shared/rules/survey-translations';
import type { LinkInfo } from './api';
import { loadLanguage } from './storage';

export const RUSSIAN = 'ru';

/**
 * SurveyJS's own words in each language of the link, as the translation brings them; a word it lacks stays
 * Russian rather than becoming English, SurveyJS's default.
 */
function registerLocales(translations: readonly ServedTranslation[]) {
  for (const t of translations) surveyLocalization.locales[t.language] = { ...surveyLocalization.locales[RUSSIAN], ...t.ui };
}

/** The questionnaire with every translation's words beside the Russian; its names and values are the pinned ones. */
export function multilingualSurvey(link: LinkInfo): Record<string, unknown> {
  registerLocales(link.translations);
  return localisedSurvey(link.survey, link.translations);
}

/** The language chosen on this device before, if this questionnaire has it; Russian otherwise. */
export function initialLanguage(link: LinkInfo): string {
  const saved = loadLanguage();
  return saved && link.translations.some((t) => t.language === saved) ? saved : RUSSIAN;
}

/** A string of the page's header (title, description) in the chosen language, or the Russian one. */
export function inLanguage(link: LinkInfo, language: string, key: 'title' | 'description'): string | undefined {
  const translated = link.translations.find((t) => t.language === language)?.strings[key];
  if (translated) return translated;
  const russian = link.survey[key];
  return typeof russian === 'string' ? russian : undefined;
}

/** Switches the questionnaire on the screen; what was answered stays, as values, whatever the language. */
export function showIn(model: Model, language: string) {
  model.locale = language;
}
