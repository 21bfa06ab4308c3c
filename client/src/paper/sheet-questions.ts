/**
 * A questionnaire as the paper sheet prints it and the entry screen reads it back: every question in order, each
 * choice numbered 1..k in the questionnaire's own order, so the digit typed is the number printed beside the box.
 * Pure: the print page, the entry screen and the unit tests share it.
 */

type ChoiceValue = string | number;
type Text = string | { default?: string; ru?: string; [locale: string]: string | undefined };

interface Element {
  type: string;
  name: string;
  title?: Text;
  choices?: Array<ChoiceValue | { value: ChoiceValue; text?: Text }>;
  rateValues?: Array<ChoiceValue | { value: ChoiceValue; text?: Text }>;
  rateMin?: number;
  rateMax?: number;
  inputType?: string;
  min?: number;
  max?: number;
  elements?: Element[];
}

export interface Choice {
  number: number;
  value: ChoiceValue;
  text: string;
}

export type PaperQuestion = { name: string; title: string } & (
  { kind: 'single' | 'multi'; choices: Choice[] } | { kind: 'number'; min: number; max: number; integer: boolean }
);

/** A title in Russian whether the questionnaire holds plain text or translations. */
export function textOf(text: Text | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (typeof text === 'string') return text;
  return text.ru ?? text.default ?? Object.values(text).find((t) => t !== undefined) ?? fallback;
}

function choicesOf(list: NonNullable<Element['choices']>): Choice[] {
  return list.map((c, i) => {
    const choice = typeof c === 'object' ? c : { value: c };
    return { number: i + 1, value: choice.value, text: textOf(choice.text, String(choice.value)) };
  });
}

function questionOf(e: Element): PaperQuestion | null {
  const base = { name: e.name, title: textOf(e.title, e.name) };
  switch (e.type) {
    case 'radiogroup':
    case 'dropdown':
      return { ...base, kind: 'single', choices: choicesOf(e.choices ?? []) };
    case 'checkbox':
    case 'tagbox':
      return { ...base, kind: 'multi', choices: choicesOf(e.choices ?? []) };
    case 'rating':
      if (e.rateValues?.length) return { ...base, kind: 'single', choices: choicesOf(e.rateValues) };
      return { ...base, kind: 'number', min: e.rateMin ?? 1, max: e.rateMax ?? 5, integer: true };
    case 'text':
      if (e.inputType === 'number' && e.min !== undefined && e.max !== undefined) return { ...base, kind: 'number', min: e.min, max: e.max, integer: false };
      return null;
    default:
      return null;
  }
}

/** The questions of a SurveyJS questionnaire, panels opened, in the order a respondent meets them. */
export function paperQuestions(survey: Record<string, unknown>): PaperQuestion[] {
  const questions: PaperQuestion[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      const q = questionOf(e);
      if (q) questions.push(q);
      if (e.elements) walk(e.elements);
    }
  };
  for (const page of (survey.pages as Array<{ elements?: Element[] }> | undefined) ?? []) walk(page.elements ?? []);
  return questions;
}

/** What an operator typed for one question: the answer, or why it cannot be one. */
export type Typed =
  { value: ChoiceValue | ChoiceValue[] | number | null } | { problem: 'no_choice' | 'repeated' | 'not_number' | 'out_of_range' | 'not_whole' };

/**
 * Reads what was typed: a choice's printed number (0 or nothing: skipped); for a multiple choice several numbers
 * apart, or digits one after another when every number is a single digit; for a number, the number (a comma for
 * the decimal point too).
 */
export function readTyped(question: PaperQuestion, typed: string): Typed {
  const text = typed.trim();
  if (text === '' || (question.kind !== 'number' && /^0+$/.test(text))) return { value: null };
  if (question.kind === 'number') {
    const value = Number(text.replace(',', '.'));
    if (!/^-?\d+([.,]\d+)?$/.test(text) || !Number.isFinite(value)) return { problem: 'not_number' };
    if (question.integer && !Number.isInteger(value)) return { problem: 'not_whole' };
    if (value < question.min || value > question.max) return { problem: 'out_of_range' };
    return { value };
  }
  let numbers = text.split(/[\s,.;]+/).filter(Boolean);
  if (question.kind === 'multi' && numbers.length === 1 && question.choices.length <= 9) numbers = [...numbers[0]!];
  if (question.kind === 'single' && numbers.length !== 1) return { problem: 'no_choice' };
  const picked: Choice[] = [];
  for (const n of numbers) {
    const choice = /^\d+$/.test(n) ? question.choices[Number(n) - 1] : undefined;
    if (!choice) return { problem: 'no_choice' };
    if (picked.includes(choice)) return { problem: 'repeated' };
    picked.push(choice);
  }
  return { value: question.kind === 'single' ? picked[0]!.value : picked.map((c) => c.value) };
}

/** What an answer reads as on the sheet: the printed numbers and texts of the choices, or the number. */
export function shownAnswer(question: PaperQuestion | undefined, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!question || question.kind === 'number') return String(value);
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => {
      const choice = question.choices.find((c) => c.value === v);
      return choice ? `${choice.number} — ${choice.text}` : String(v);
    })
    .join('; ');
}
