import { FIRST_PAGE_ID, LINK_FACTS_ID } from '../../shared/rules/first-page-ids.js';

/**
 * The first page of a questionnaire as plain HTML, for the respondent's page to show while SurveyJS is still on its way
 * over a slow connection (docs: README «Performance»). Only what the questionnaire's own data says is written: its
 * title, description and questions, escaped; no words of ours, so nothing here needs translating. The page then hands
 * whatever was typed here to SurveyJS (client/src/respond/first-page.ts), which takes over: one questionnaire engine.
 *
 * Rendering stops at the first element it cannot show faithfully (a condition, an unknown type): the questions
 * before it are shown, the rest waits for SurveyJS, so the plain page never asks something SurveyJS would not.
 */

type Json = Record<string, unknown>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A SurveyJS string: plain, or per locale ({ default, ru, … }); Russian is the questionnaires' own language. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localised = value as Record<string, unknown>;
    for (const key of ['ru', 'default']) if (typeof localised[key] === 'string') return localised[key] as string;
  }
  return '';
}

const CONDITIONAL = ['visibleIf', 'enableIf', 'requiredIf', 'choicesVisibleIf', 'choicesEnableIf'];

function choicesOf(element: Json): Array<{ text: string }> | null {
  if (!Array.isArray(element.choices)) return null;
  return element.choices.map((choice) =>
    choice && typeof choice === 'object' ? { text: text((choice as Json).text ?? (choice as Json).value) } : { text: String(choice) },
  );
}

function title(element: Json) {
  return escapeHtml(text(element.title) || String(element.name));
}

function description(element: Json) {
  const value = text(element.description);
  return value ? `<p class="rs-pre__description">${escapeHtml(value)}</p>` : '';
}

/** Choice inputs carry the choice's position, not its value: values may be numbers, and the script maps them back. */
function choiceGroup(element: Json, name: string, kind: 'radio' | 'checkbox', choices: Array<{ text: string }>) {
  const items = choices
    .map((choice, i) => `<label class="rs-pre__choice"><input type="${kind}" name="${name}" value="${i}"><span>${escapeHtml(choice.text)}</span></label>`)
    .join('');
  return `<fieldset class="rs-pre__question" data-name="${name}"><legend class="rs-pre__title">${title(element)}</legend>${description(element)}${items}</fieldset>`;
}

function ratingValues(element: Json): number[] | null {
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
  const step = typeof element.rateStep === 'number' ? element.rateStep : 1;
  if (element.rateValues !== undefined || !(step > 0) || max < min || (max - min) / step > 20) return null;
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return values;
}

function elementHtml(element: Json): string | null {
  const name = typeof element.name === 'string' && /^[\w-]+$/.test(element.name) ? element.name : null;
  if (!name || CONDITIONAL.some((key) => key in element) || element.visible === false) return null;
  switch (element.type) {
    case 'radiogroup':
    case 'checkbox': {
      const choices = choicesOf(element);
      if (!choices || 'hasOther' in element || 'showOtherItem' in element || 'showNoneItem' in element) return null;
      return choiceGroup(element, name, element.type === 'radiogroup' ? 'radio' : 'checkbox', choices);
    }
    case 'rating': {
      const values = ratingValues(element);
      if (!values) return null;
      const ends = [text(element.minRateDescription), text(element.maxRateDescription)];
      const hint = ends[0] || ends[1] ? `<p class="rs-pre__description">${escapeHtml(ends.filter(Boolean).join(' … '))}</p>` : '';
      return choiceGroup(
        { ...element, description: undefined },
        name,
        'radio',
        values.map((v) => ({ text: String(v) })),
      ).replace('</legend>', `</legend>${description(element)}${hint}`);
    }
    case 'dropdown': {
      const choices = choicesOf(element);
      if (!choices || 'hasOther' in element || 'showOtherItem' in element) return null;
      const options = choices.map((choice, i) => `<option value="${i}">${escapeHtml(choice.text)}</option>`).join('');
      return `<div class="rs-pre__question"><label class="rs-pre__title" for="rs-pre-${name}">${title(element)}</label>${description(element)}<select class="rs-pre__select" id="rs-pre-${name}" name="${name}"><option value=""></option>${options}</select></div>`;
    }
    case 'text': {
      if (element.inputType !== 'number') return null;
      const bound = (key: string) => (typeof element[key] === 'number' ? ` ${key}="${element[key]}"` : '');
      return `<div class="rs-pre__question"><label class="rs-pre__title" for="rs-pre-${name}">${title(element)}</label>${description(element)}<input class="rs-pre__number" type="number" inputmode="decimal" id="rs-pre-${name}" name="${name}"${bound('min')}${bound('max')}${bound('step')}></div>`;
    }
    default:
      return null;
  }
}

/** The questions of the first page up to the first one the plain page cannot show; null when not even one. */
export function firstPageQuestions(survey: Json): string | null {
  const pages = Array.isArray(survey.pages) ? (survey.pages as Json[]) : [];
  const elements = Array.isArray(pages[0]?.elements) ? (pages[0]!.elements as Json[]) : [];
  const shown: string[] = [];
  for (const element of elements) {
    const html = elementHtml(element);
    if (!html) break;
    shown.push(html);
  }
  return shown.length > 0 ? shown.join('') : null;
}

/**
 * The block put into the page: the school, the questionnaire's title and description, the questions. Its classes are
 * the page's own (client/src/respond/respond.css), so it looks as the page will.
 */
export function firstPageHtml(survey: Json, schoolName: string): string | null {
  const questions = firstPageQuestions(survey);
  if (!questions) return null;
  const surveyDescription = text(survey.description);
  return (
    `<div id="${FIRST_PAGE_ID}" class="rs-app rs-pre">` +
    `<header class="rs-header"><div class="rs-header__inner"><span class="rs-header__school">${escapeHtml(schoolName)}</span></div></header>` +
    `<main class="rs-main"><section class="rs-intro"><h1 class="rs-intro__title">${escapeHtml(text(survey.title))}</h1>` +
    (surveyDescription ? `<p class="rs-intro__text">${escapeHtml(surveyDescription)}</p>` : '') +
    `</section>${questions}</main></div>`
  );
}

/** JSON inside a <script type="application/json">: nothing in it may close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** respond.html with the link's facts and its first page in it; the template's #root stays where the app mounts. */
export function respondentPageWithFirstPage(template: string, facts: unknown, firstPage: string | null): string {
  const script = `<script type="application/json" id="${LINK_FACTS_ID}">${jsonForScript(facts)}</script>`;
  const marker = '<div id="root"></div>';
  if (!template.includes(marker)) return template;
  return template.replace(marker, () => `${marker}${firstPage ?? ''}${script}`);
}
