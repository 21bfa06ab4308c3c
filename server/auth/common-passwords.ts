import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Passwords every guessing list starts with (common-passwords.txt): English and Russian, typed in the English
 * layout (gfhjkm = «пароль») and transliterated. Words shorter than the minimum length are there as stems: «пароль123»
 * is «пароль» with digits after it.
 */
const COMMON = new Set(
  readFileSync(resolve(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

const normal = (text: string) => text.normalize('NFC').toLocaleLowerCase('ru').replaceAll('ё', 'е');
const COMMON_NORMAL = new Set([...COMMON].map(normal));

/** Digits and signs people add to a word to pass a rule: «пароль123!», «qwerty2025». */
const SUFFIX = /[\d\s!@#$%^&*()_+=.,;:?-]+$/u;

export type PasswordProblem = 'common_password' | 'email_password';

/** Why a new password is too easy to guess, or null when it is not. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const text = normal(password).trim();
  const stem = text.replace(SUFFIX, '');
  if (COMMON_NORMAL.has(text) || COMMON_NORMAL.has(stem) || COMMON_NORMAL.has(text.replace(/\s+/gu, ''))) return 'common_password';
  // Dates, phone numbers and «aaaaaaaa» are the first things tried.
  if (/^\d+$/u.test(text) || new Set(text).size <= 2) return 'common_password';
  const name = normal(email.split('@')[0] ?? '');
  if (name.length >= 4 && (text.includes(name) || (stem.length >= 4 && name.includes(stem)))) return 'email_password';
  return null;
}
