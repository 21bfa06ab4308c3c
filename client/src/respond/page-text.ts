import { strings } from './strings';
import ky from './page-languages/ky.json';
import tg from './page-languages/tg.json';
import uz from './page-languages/uz.json';

/**
 * The page's own words in the questionnaires' other languages (client/src/respond/page-languages/<language>.json):
 * data beside the Russian, like the questionnaires' translations, and like them unverified until someone who reads
 * the language confirms them. A text a language lacks stays Russian.
 */
export interface PageLanguage {
  language: string;
  verified: boolean;
  texts: Record<string, string>;
}

export const PAGE_LANGUAGES: Record<string, PageLanguage> = Object.fromEntries([uz, tg, ky].map((l) => [l.language, l]));

/** The words a respondent reads while answering and after: translated; the screens before a link opens stay Russian. */
const translated = {
  fallbackIntro: strings.fallbackIntro,
  sending: strings.sending,
  offlineTitle: strings.offlineTitle,
  offline: strings.offline,
  retryNow: strings.retryNow,
  thanksTitle: strings.thanksTitle,
  thanksText: strings.thanksText,
  answerAgain: strings.answerAgain,
  submitErrors: strings.submitErrors,
};

type Texts = { [key: string]: string | Texts };

/** Every translated text by its dotted key, `answerAgain.parent.button`; `tooFewAnswers` holds `{n}` for the number. */
export function pageTextKeys(): string[] {
  const keys: string[] = [];
  const walk = (node: Texts, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') keys.push(prefix + key);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(translated as Texts, '');
  return [...keys, 'tooFewAnswers'];
}

function rebuild<T extends Texts>(node: T, texts: Record<string, string>, prefix = ''): T {
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, typeof value === 'string' ? (texts[prefix + key] ?? value) : rebuild(value, texts, `${prefix}${key}.`)]),
  ) as T;
}

/** The respondent page's words in `language`, Russian where it has none. */
export function pageStrings(language: string): typeof strings {
  const texts = PAGE_LANGUAGES[language]?.texts;
  if (!texts) return strings;
  const few = texts.tooFewAnswers;
  return {
    ...strings,
    ...rebuild(translated as Texts, texts),
    tooFewAnswers: few ? (missing: number) => few.replace('{n}', String(missing)) : strings.tooFewAnswers,
  } as typeof strings;
}
