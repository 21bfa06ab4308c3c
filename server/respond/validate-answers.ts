import type { Questionnaire, QuestionSpec } from '../surveys/questionnaires.js';

export interface AnswerProblem {
  question: string;
  problem: 'unknown-question' | 'wrong-type' | 'unknown-choice' | 'out-of-range' | 'duplicate-choice';
  message: string;
}

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

function check(spec: QuestionSpec, value: unknown): AnswerProblem | null {
  const problem = (kind: AnswerProblem['problem'], message: string): AnswerProblem => ({
    question: spec.name,
    problem: kind,
    message: `question "${spec.name}": ${message}`,
  });
  switch (spec.type) {
    case 'single':
      if (typeof value !== 'string' && typeof value !== 'number') return problem('wrong-type', 'expected one choice');
      return spec.values.has(value) ? null : problem('unknown-choice', `${show(value)} is not one of its choices`);
    case 'multi': {
      if (!Array.isArray(value)) return problem('wrong-type', 'expected a list of choices');
      if (new Set(value).size !== value.length) return problem('duplicate-choice', 'a choice is repeated');
      const unknown = value.find((v) => !spec.values.has(v));
      return unknown === undefined ? null : problem('unknown-choice', `${show(unknown)} is not one of its choices`);
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('wrong-type', 'expected a number');
      if (spec.integer && !Number.isInteger(value)) return problem('wrong-type', 'expected a whole number');
      return value < spec.min || value > spec.max ? problem('out-of-range', `${value} is outside ${spec.min}…${spec.max}`) : null;
  }
}

/**
 * Checks a submission against the link's questionnaire. Returns every problem, so a client (or a person
 * reading the API's answer) can fix them all at once. `null` and absent mean "not answered".
 */
export function validateAnswers(questionnaire: Questionnaire, answers: Record<string, unknown>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const [name, value] of Object.entries(answers)) {
    const spec = questionnaire.questions.get(name);
    if (!spec) {
      problems.push({ question: name.slice(0, 100), problem: 'unknown-question', message: `"${name.slice(0, 100)}" is not a question of this questionnaire` });
    } else if (value !== null) {
      const found = check(spec, value);
      if (found) problems.push(found);
    }
  }
  return problems;
}
