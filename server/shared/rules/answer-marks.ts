/**
 * Marks on answers and whether a marked answer counts (docs/methodology.md §7), for the server that marks and counts
 * and the client that explains. Files in this folder import nothing, so the client may run them as they are.
 */

export const ANSWER_MARKS = ['no_ticket', 'ticket_reused', 'too_fast', 'straightline', 'device_repeat', 'address_burst'] as const;
export type AnswerMark = (typeof ANSWER_MARKS)[number];

/**
 * Marks that hold an answer back from participation and the profile until a coordinator accepts it: each says the
 * answer may not be a person's own. Straightlining alone is a careless answer, not a missing person, so it is
 * shown but counted.
 */
export const HOLDING_MARKS: ReadonlySet<AnswerMark> = new Set(['no_ticket', 'ticket_reused', 'too_fast', 'device_repeat', 'address_burst']);

/** A coordinator's decision on a school × role's marked answers; null while nobody has decided. */
export type Review = 'accepted' | 'excluded' | null;

export function isCounted(marks: readonly AnswerMark[], review: Review): boolean {
  if (review !== null) return review === 'accepted';
  return !marks.some((mark) => HOLDING_MARKS.has(mark));
}

/** How long a start ticket stays valid: longer than anyone keeps a questionnaire open, shorter than a wave. */
export const TICKET_LIFETIME_HOURS = 48;

/** Straightlining needs this many scale questions answered, all with the same position of their scale. */
export const STRAIGHTLINE_MIN_ITEMS = 4;

/** `positions`: for each scale question answered, the position of the chosen option on its scale (0 = first). */
export function isStraightline(positions: readonly number[]): boolean {
  return positions.length >= STRAIGHTLINE_MIN_ITEMS && positions.every((p) => p === positions[0]);
}

/**
 * What one address can honestly send to one school × role: a computer lab of distinct devices answering in one
 * lesson. More than `labSize` answers within `windowMinutes`, or more than the role's expected respondents in
 * all, is a burst.
 */
export const BURST = { windowMinutes: 15, labSize: 35 } as const;

/**
 * What one device can honestly send to one school × role: a lab computer passed from student to student, one
 * lesson after another. Closer together than the questionnaire's time floor, or more than `perDay` in a day,
 * is a repeat.
 */
export const DEVICE_REPEAT = { perDay: 8 } as const;
