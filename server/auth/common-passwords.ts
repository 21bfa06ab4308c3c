import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The 49,233 passwords found most often in leaked password collections, most frequent first
 * (common-passwords-ranked.txt.gz): the `passwords` list of @zxcvbn-ts/language-common 4.1.3, MIT licence,
 * © 2012-2016 Dan Wheeler and Dropbox, Inc., © 2021 @zxcvbn-ts. Copied as data, one per line, gzipped.
 */
const RANKED = lines(gunzipSync(readFileSync(resolve(import.meta.dirname, 'common-passwords-ranked.txt.gz'))).toString('utf8'));

/**
 * What that list lacks (common-passwords.txt, kept by hand): Russian passwords, typed in Russian, in the English layout
 * (gfhjkm = «пароль») and transliterated, and keyboard runs of both layouts. Words shorter than the minimum length
 * are there as stems: «пароль123» is «пароль» with digits after it.
 */
const RUSSIAN = lines(readFileSync(resolve(import.meta.dirname, 'common-passwords.txt'), 'utf8'));

const normal = (text: string) => text.normalize('NFC').toLocaleLowerCase('ru').replaceAll('ё', 'е');
/** Read once, at start: some 50,000 short strings, a few megabytes, and every check is one lookup. */
const COMMON_NORMAL = new Set([...RANKED, ...RUSSIAN].map(normal));

/** How many distinct passwords the blocklist holds, for the tests and the README. */
export const COMMON_PASSWORD_COUNT = COMMON_NORMAL.size;

/** Digits and signs people add to a word to pass a rule: «пароль123!», «qwerty2025». */
const SUFFIX = /[\d\s!@#$%^&*()_+=.,;:?-]+$/u;

export type PasswordProblem = 'common_password' | 'email_password';

/** Why a new password is too easy to guess, or null when it is not. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const text = normal(password).trim();
  const stem = text.replace(SUFFIX, '');
  // The more telling reason first: «school-7-2025» is the e-mail name, whatever the list says of «school».
  const name = normal(email.split('@')[0] ?? '');
  if (name.length >= 4 && (text.includes(name) || (stem.length >= 4 && name.includes(stem)))) return 'email_password';
  if (COMMON_NORMAL.has(text) || COMMON_NORMAL.has(stem) || COMMON_NORMAL.has(text.replace(/\s+/gu, ''))) return 'common_password';
  // Dates, phone numbers and «aaaaaaaa» are the first things tried.
  if (/^\d+$/u.test(text) || new Set(text).size <= 2) return 'common_password';
  return null;
}
