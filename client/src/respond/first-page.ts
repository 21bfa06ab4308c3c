import { FIRST_PAGE_ID, LINK_FACTS_ID } from '../../../server/shared/rules/first-page-ids';
import type { LinkInfo } from './api';

/**
 * What the server wrote into the page (server/respond/first-page/): the link's facts, so the page starts without asking
 * for them again, and the first questions as plain HTML, shown while the scripts were on their way. Whatever the
 * respondent answered there is handed to SurveyJS, and the plain questions go.
 */

/** The facts of the link this page was served for, once: a later load (a retry, the next respondent) asks the server. */
export function takeInlineLinkFacts(): LinkInfo | null {
  const element = document.getElementById(LINK_FACTS_ID);
  if (!element) return null;
  element.remove();
  try {
    return JSON.parse(element.textContent ?? '') as LinkInfo;
  } catch {
    return null;
  }
}

type PageElement = { name?: unknown; type?: unknown; choices?: unknown; rateMin?: unknown; rateMax?: unknown; rateStep?: unknown };

const choiceValue = (choice: unknown) => (choice && typeof choice === 'object' ? (choice as { value: unknown }).value : choice);

/** The n-th rating value, as the server numbered them (rateMin, rateMin + rateStep, …). */
function ratingValue(element: PageElement, index: number) {
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const step = typeof element.rateStep === 'number' ? element.rateStep : 1;
  return min + index * step;
}

function valueOf(element: PageElement, inputs: HTMLInputElement[], select: HTMLSelectElement | null): unknown {
  const choices = Array.isArray(element.choices) ? element.choices : [];
  const byIndex = (raw: string) => (element.type === 'rating' ? ratingValue(element, Number(raw)) : choiceValue(choices[Number(raw)]));
  if (select) return select.value === '' ? undefined : byIndex(select.value);
  const checked = inputs.filter((input) => input.checked);
  if (element.type === 'checkbox') return checked.length > 0 ? checked.map((input) => byIndex(input.value)) : undefined;
  if (inputs[0]?.type === 'number') return inputs[0].value === '' || Number.isNaN(inputs[0].valueAsNumber) ? undefined : inputs[0].valueAsNumber;
  return checked[0] ? byIndex(checked[0].value) : undefined;
}

/** The answers given on the plain first page, as SurveyJS holds them: the choices' own values, numbers as numbers. */
export function prerenderedAnswers(survey: LinkInfo['survey']): Record<string, unknown> {
  const block = document.getElementById(FIRST_PAGE_ID);
  if (!block) return {};
  const pages = Array.isArray(survey.pages) ? (survey.pages as Array<{ elements?: PageElement[] }>) : [];
  const answers: Record<string, unknown> = {};
  for (const element of pages[0]?.elements ?? []) {
    if (typeof element.name !== 'string') continue;
    const named = [...block.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(element.name)}"]`)];
    const select = named.find((e): e is HTMLSelectElement => e instanceof HTMLSelectElement) ?? null;
    const value = valueOf(
      element,
      named.filter((e): e is HTMLInputElement => e instanceof HTMLInputElement),
      select,
    );
    if (value !== undefined) answers[element.name] = value;
  }
  return answers;
}

/** SurveyJS is on the screen: the plain first page goes. */
export function removePrerendered() {
  document.getElementById(FIRST_PAGE_ID)?.remove();
}
