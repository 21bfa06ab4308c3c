/** Reading one count cell. Pure, so every spelling people type is tested without a file. */
export type CountReading =
  { ok: true; value: number } | { ok: false; code: 'count_empty' | 'count_not_number' | 'count_not_integer' | 'count_negative' | 'count_too_large' };

/** No school has this many people of one role; a bigger number is a typo (or a code in the wrong column). */
export const MAX_COUNT = 100_000;

/** Accepts Russian spellings Excel produces: «1 234» (space as thousands separator), «12,0» (decimal comma). */
export function readCount(text: string): CountReading {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { ok: false, code: 'count_empty' };
  const match = /^([-−]?)(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return { ok: false, code: 'count_not_number' };
  if (match[3] && /[1-9]/.test(match[3])) return { ok: false, code: 'count_not_integer' };
  const value = Number(match[2]);
  if (match[1] && value !== 0) return { ok: false, code: 'count_negative' };
  if (value > MAX_COUNT) return { ok: false, code: 'count_too_large' };
  return { ok: true, value };
}

const PRINCIPAL_WORDS: Record<string, number> = { да: 1, нет: 0, yes: 1, no: 0, есть: 1 };

/** A school has one principal answering or none (a vacancy): 0 or 1, or да/нет. */
export function readPrincipal(text: string): CountReading | { ok: false; code: 'principal_not_0_1' } {
  const word = PRINCIPAL_WORDS[text.trim().toLowerCase()];
  if (word !== undefined) return { ok: true, value: word };
  const count = readCount(text);
  if (!count.ok) return count.code === 'count_empty' || count.code === 'count_not_number' ? count : { ok: false, code: 'principal_not_0_1' };
  return count.value <= 1 ? count : { ok: false, code: 'principal_not_0_1' };
}
