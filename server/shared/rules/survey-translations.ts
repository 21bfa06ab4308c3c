/**
 * Translations of a questionnaire are data beside it (surveys/translations/<role>.<language>.json): a text for each
 * of its Russian strings, keyed by where the string stands (`pa_relations.title`, `pa_relations.choice.5`). The
 * questionnaire's names, types and values are never touched, so an answer is the same value in every language.
 * Files in this folder import nothing, so the respondent's page runs this module as it is.
 */

/**
 * SurveyJS's own words a questionnaire of choices and numbers shows (buttons, progress, placeholders, errors), each with
 * the placeholders SurveyJS fills in: a translation must keep them.
 */
export const SURVEY_UI_PLACEHOLDERS = {
  pagePrevText: '',
  pageNextText: '',
  completeText: '',
  progressText: '{0} {1}',
  placeholder: '',
  progressbar: '',
  numericError: '',
  minError: '{0}',
  maxError: '{0}',
} as const;
export const SURVEY_UI_KEYS = Object.keys(SURVEY_UI_PLACEHOLDERS) as Array<keyof typeof SURVEY_UI_PLACEHOLDERS>;
export type SurveyUiKey = keyof typeof SURVEY_UI_PLACEHOLDERS;

/** What a page needs of a translation to show a questionnaire in its language. */
export interface LanguageStrings {
  /** A SurveyJS locale code: `uz`, `tg`, `ky`. */
  language: string;
  strings: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;
type Visit = (key: string, text: string, holder: Json, field: string) => void;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function visitText(holder: Json, field: string, key: string, visit: Visit) {
  const text = holder[field];
  if (typeof text === 'string') visit(key, text, holder, field);
}

function visitElements(elements: unknown, visit: Visit) {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isObject(element) || typeof element.name !== 'string') continue;
    const name = element.name;
    for (const field of ['title', 'description', 'minRateDescription', 'maxRateDescription']) visitText(element, field, `${name}.${field}`, visit);
    for (const list of ['choices', 'rateValues']) {
      const items = element[list];
      if (!Array.isArray(items)) continue;
      for (const item of items) if (isObject(item)) visitText(item, 'text', `${name}.choice.${String(item.value)}`, visit);
    }
    const validators = element.validators;
    if (Array.isArray(validators)) validators.forEach((v, i) => isObject(v) && visitText(v, 'text', `${name}.validator.${i}`, visit));
    visitElements(element.elements, visit);
  }
}

/** Calls `visit` for every translatable string of a SurveyJS questionnaire, in the order the respondent meets them. */
function visitStrings(survey: Json, visit: Visit) {
  for (const field of ['title', 'description']) visitText(survey, field, field, visit);
  const pages = survey.pages;
  if (Array.isArray(pages)) {
    for (const page of pages) {
      if (!isObject(page)) continue;
      const name = String(page.name);
      for (const field of ['title', 'description']) visitText(page, field, `page.${name}.${field}`, visit);
      visitElements(page.elements, visit);
    }
  }
  visitText(survey, 'completedHtml', 'completedHtml', visit);
}

/** The questionnaire's Russian strings by key: what a translation must cover, no more and no less. */
export function translatableStrings(survey: Json): Map<string, string> {
  const strings = new Map<string, string>();
  visitStrings(survey, (key, text) => strings.set(key, text));
  return strings;
}

/**
 * The questionnaire with each translated string made a SurveyJS localisable string, `{ default: Russian, uz: … }`;
 * a copy: the pinned questionnaire itself stays as it was.
 */
export function localisedSurvey(survey: Json, translations: readonly LanguageStrings[]): Json {
  const copy = structuredClone(survey);
  if (translations.length === 0) return copy;
  visitStrings(copy, (key, text, holder, field) => {
    const localised: Record<string, string> = { default: text };
    for (const t of translations) if (typeof t.strings[key] === 'string') localised[t.language] = t.strings[key];
    holder[field] = localised;
  });
  return copy;
}
