import type { ChoiceValue, Questionnaires, SurveyElement } from '../surveys/questionnaires.js';
import type { Role } from '../shared/roles.js';

/** What a person reads of one question: its wording, its choices, the ends of its scale. */
export interface QuestionText {
  name: string;
  title: string;
  description?: string;
  /** Choices in questionnaire order, dont_know included. Empty for numbers and ratings. */
  choices: Array<{ value: ChoiceValue; text: string }>;
  /** Ratings: every point of the scale, so a distribution lists the points nobody chose. */
  scale?: { min: number; max: number; minText?: string; maxText?: string };
}

export type QuestionTexts = (role: Role, name: string) => QuestionText;

/** SurveyJS allows a localisable string `{ default, ru }` wherever it allows a string. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localised = value as Record<string, unknown>;
    const picked = localised.ru ?? localised.default;
    return typeof picked === 'string' ? picked : undefined;
  }
  return undefined;
}

function describe(element: SurveyElement): QuestionText {
  const choices = (element.choices ?? []).map((c) =>
    typeof c === 'object' && c !== null ? { value: c.value, text: text(c.text) ?? String(c.value) } : { value: c, text: String(c) },
  );
  const scale =
    element.type === 'rating' && !element.rateValues?.length
      ? { min: element.rateMin ?? 1, max: element.rateMax ?? 5, minText: text(element.minRateDescription), maxText: text(element.maxRateDescription) }
      : undefined;
  return { name: element.name, title: text(element.title) ?? element.name, description: text(element.description), choices, scale };
}

/**
 * Question name → its texts, per role, from the questionnaires a wave pinned. A question they do not hold (a
 * stored model is checked against them, so only a damaged database has one) is shown by its name rather than failing.
 */
export function questionTexts(questionnaires: Questionnaires): QuestionTexts {
  const index = new Map<string, QuestionText>();
  for (const { role, questions } of Object.values(questionnaires)) {
    for (const spec of questions.values()) index.set(`${role}:${spec.name}`, describe(spec.element));
  }
  return (role, name) => index.get(`${role}:${name}`) ?? { name, title: name, choices: [] };
}

/** The words of an answer as the respondent saw them (the choices' texts); null when left empty. */
export function answerText(question: QuestionText, answer: unknown): string | null {
  const values = (Array.isArray(answer) ? answer : [answer]).filter((v) => v !== null && v !== undefined && v !== '');
  if (values.length === 0) return null;
  return values.map((v) => question.choices.find((c) => String(c.value) === String(v))?.text ?? String(v)).join('; ');
}
