import { randomInt } from 'node:crypto';

/**
 * What a person types from a paper slip instead of a 24-character link: no 0/O, no 1/I/L, no lower case to
 * confuse, 31 characters in all. Eight of them make 31^8 ≈ 8.5·10^11 codes; README «Short codes» has the
 * guessing arithmetic.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SHORT_CODE_LENGTH = 8;

const VALID = new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`);

/** randomInt draws without the modulo bias a byte taken % 31 would have. */
export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

/** The code as stored, from what a person typed: any case, with or without dashes and spaces; null if it cannot be one. */
export function normaliseShortCode(typed: string): string | null {
  const code = typed.replace(/[\s\-‐‑‒–—]/g, '').toUpperCase();
  return VALID.test(code) ? code : null;
}

/** «7KQ4-M9XA»: two groups of four are read off a slip and typed without losing one's place. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
