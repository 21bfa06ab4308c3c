import type { ChoiceValue } from './model.js';
import { DONT_KNOW } from './answers.js';

/**
 * The part of a SurveyJS questionnaire the scoring needs. Files come from disk, so
 * everything else is left open and the walk below checks shapes as it goes.
 */
export interface SurveyJson {
  title?: unknown;
  pages: SurveyPage[];
  [key: string]: unknown;
}

export interface SurveyPage {
  name?: string;
  elements?: SurveyElement[];
  [key: string]: unknown;
}

export interface SurveyElement {
  type: string;
  name: string;
  choices?: Array<ChoiceValue | { value: ChoiceValue; text?: unknown }>;
  inputType?: string;
  /** Panels nest questions. */
  elements?: SurveyElement[];
  [key: string]: unknown;
}

/** What kind of answer a question produces, as far as the indicator kinds care. */
export type QuestionShape =
  | { type: string; answer: 'single' | 'multi'; choices: ChoiceValue[] }
  | { type: string; answer: 'number' | 'other' };

/** Question name → shape, over all pages and nested panels. */
export function indexQuestions(survey: unknown): Map<string, QuestionShape> {
  const index = new Map<string, QuestionShape>();
  const visit = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isObject(element)) continue;
      if (typeof element.name === 'string' && typeof element.type === 'string') {
        index.set(element.name, shapeOf(element.type, element));
      }
      visit(element.elements);
    }
  };
  if (isObject(survey) && Array.isArray(survey.pages)) {
    for (const page of survey.pages) if (isObject(page)) visit(page.elements);
  }
  return index;
}

/** Rating, number input, or a single choice whose real choices (dont_know aside) are all numbers. */
export function isNumericQuestion(shape: QuestionShape): boolean {
  if (shape.answer === 'number') return true;
  if (shape.answer !== 'single') return false;
  const real = shape.choices.filter((c) => c !== DONT_KNOW);
  return real.length > 0 && real.every((c) => typeof c === 'number');
}

function shapeOf(type: string, element: Record<string, unknown>): QuestionShape {
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
      return { type, answer: 'single', choices: choiceValues(element.choices) };
    case 'checkbox':
      return { type, answer: 'multi', choices: choiceValues(element.choices) };
    case 'rating':
      return { type, answer: 'number' };
    case 'text':
      return { type, answer: element.inputType === 'number' ? 'number' : 'other' };
    default:
      return { type, answer: 'other' };
  }
}

/** SurveyJS accepts a choice as a bare value or as `{ value, text }`. */
function choiceValues(choices: unknown): ChoiceValue[] {
  if (!Array.isArray(choices)) return [];
  return choices
    .map((c: unknown) => (isObject(c) ? c.value : c))
    .filter((v): v is ChoiceValue => typeof v === 'string' || typeof v === 'number');
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
