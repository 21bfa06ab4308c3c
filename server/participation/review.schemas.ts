import { Type, type Static } from '@fastify/type-provider-typebox';
import { ANSWER_MARKS } from '../shared/rules/answer-marks.js';
import { Role } from '../shared/vocabulary.js';

export const AnswerMark = Type.Enum([...ANSWER_MARKS]);

/** How many answers of one school × role carry a mark, by mark and by what became of them. */
export const MarkCount = Type.Object({
  role: Role,
  mark: AnswerMark,
  /** Counted: accepted by a coordinator, or a mark that does not hold an answer back. */
  counted: Type.Integer(),
  /** Held back until a coordinator decides. */
  held: Type.Integer(),
  excluded: Type.Integer(),
});

export const SchoolMarks = Type.Object({
  /** An answer with two marks is in two rows; `answers` counts it once. */
  marks: Type.Array(MarkCount),
  answers: Type.Array(Type.Object({ role: Role, counted: Type.Integer(), held: Type.Integer(), excluded: Type.Integer() })),
});
export type SchoolMarks = Static<typeof SchoolMarks>;

export const ReviewDecision = Type.Object(
  {
    role: Role,
    /** Applies to every answer of the school × role marked so far; answers marked later wait for a decision of their own. */
    decision: Type.Enum(['accept', 'exclude']),
  },
  { additionalProperties: false },
);
export type ReviewDecision = Static<typeof ReviewDecision>;

export const ReviewOutcome = Type.Object({
  /** Marked answers the decision covers. */
  answers: Type.Integer(),
  /** Of them, those whose counting changed. */
  changed: Type.Integer(),
});
export type ReviewOutcome = Static<typeof ReviewOutcome>;
