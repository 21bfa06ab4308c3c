/** One question two entries of the same sheet disagree on; null is «not answered». */
export interface EntryDifference {
  question: string;
  first: unknown;
  second: unknown;
}

/** A multiple choice ticked in another order is the same answer. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return JSON.stringify([...value].map((v) => JSON.stringify(v)).sort());
  return JSON.stringify(value);
}

/**
 * The questions a second entry of a sheet answers otherwise than the first, in the questionnaire's order (`order`),
 * then any other name either entry holds. An empty list: the two operators read the sheet alike.
 */
export function compareEntries(order: readonly string[], first: Record<string, unknown>, second: Record<string, unknown>): EntryDifference[] {
  const names = [...new Set([...order, ...Object.keys(first), ...Object.keys(second)])];
  return names
    .filter((name) => canonical(first[name]) !== canonical(second[name]))
    .map((name) => ({ question: name, first: first[name] ?? null, second: second[name] ?? null }));
}
