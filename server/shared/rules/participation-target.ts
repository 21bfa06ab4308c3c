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
