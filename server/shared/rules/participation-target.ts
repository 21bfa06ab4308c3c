/**
 * The participation target (docs/methodology.md §3), for the server's reports and the client's screens alike.
 * Files in this folder import nothing, so the client may run them as they are.
 */

/**
 * The fewest respondents whose rate reaches the target, by the same `responses / expected >= target` test
 * the target itself uses: target · expected alone can land a hair above a whole number (0.28 · 25 = 7.000…01).
 */
export function requiredRespondents(expected: number, target: number): number {
  if (expected <= 0) return 0;
  let n = Math.ceil(target * expected);
  while (n > 0 && (n - 1) / expected >= target) n--;
  while (n / expected < target) n++;
  return n;
}

/** Respondents still missing for the target: never below 0, and 0 for a role nobody is expected in. */
export function missingRespondents(expected: number, responses: number, target: number): number {
  return Math.max(0, requiredRespondents(expected, target) - responses);
}

/**
 * The respondents the target is measured against: the roster's expected count less those who refused
 * (docs/methodology.md §3). The rate is responses / this, so a refusal never counts as a missing answer.
 * Never below 0, whatever a caller passes: a negative base would turn every rate upside down.
 */
export function effectiveExpected(expected: number, refused: number): number {
  return Math.max(0, expected - Math.max(0, refused));
}

/**
 * The most refusals a school × role may record: those who neither answered nor already refused elsewhere in the
 * count, i.e. refusals + counted answers ≤ expected. A refusal is somebody who did not answer, so a count that
 * overlaps the answers would double-count people and lift the rate above what any honest roster allows.
 */
export function maxRefusals(expected: number, responses: number): number {
  return Math.max(0, expected - Math.max(0, responses));
}

/**
 * Refusals may be recorded from the wave's opening until this many days after it closes: a family's written refusal
 * handed in on the last day reaches the school team a few days later. After that the figures stand as reported.
 */
export const REFUSALS_GRACE_DAYS = 7;

/** Whether refusals of a wave may be recorded at `now`. */
export function refusalsOpen(opensAt: Date, closesAt: Date, now: Date): boolean {
  return now.getTime() >= opensAt.getTime() && now.getTime() < closesAt.getTime() + REFUSALS_GRACE_DAYS * 86_400_000;
}
