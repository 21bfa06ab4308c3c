import { readCount } from '../admin/roster/cell-values.js';
import type { AssessmentProcedure, Settlement } from '../db/schema.js';

/**
 * Reading the cells of a context file. Pure, so every spelling people type is tested without a file. An empty cell is
 * `null`: a region imports what it has, and a figure it does not have stays unknown rather than zero.
 */
export type Reading<T, Code extends string> = { ok: true; value: T | null } | { ok: false; code: Code };

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function readYear(text: string): Reading<number, 'empty_year' | 'year_invalid'> {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { ok: false, code: 'empty_year' };
  const match = /^(\d{4})(?:[.,]0+)?$/.exec(compact);
  const year = match ? Number(match[1]) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? { ok: true, value: year } : { ok: false, code: 'year_invalid' };
}

export type NumberCode = 'not_number' | 'not_integer' | 'negative' | 'too_large';

/** A whole number of people (students, participants), or nothing. */
export function readPeople(text: string): Reading<number, NumberCode> {
  const reading = readCount(text);
  if (reading.ok) return reading;
  switch (reading.code) {
    case 'count_empty':
      return { ok: true, value: null };
    case 'count_not_number':
      return { ok: false, code: 'not_number' };
    case 'count_not_integer':
      return { ok: false, code: 'not_integer' };
    case 'count_negative':
      return { ok: false, code: 'negative' };
    case 'count_too_large':
      return { ok: false, code: 'too_large' };
  }
}

/** Accepts Russian spellings Excel produces: «0,35», «−0,2», «1 234,5», and a trailing «%» on a share. */
export function readDecimal(text: string, { min = -Infinity, max = Infinity } = {}): Reading<number, NumberCode> {
  const compact = text.replace(/\s+/g, '').replace(/%$/, '').replace('−', '-').replace(',', '.');
  if (compact === '') return { ok: true, value: null };
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(compact)) return { ok: false, code: 'not_number' };
  const value = Number(compact);
  if (value < min) return { ok: false, code: 'negative' };
  if (value > max) return { ok: false, code: 'too_large' };
  return { ok: true, value };
}

/** A share of marks in per cent: 0…100. */
export const readShare = (text: string) => readDecimal(text, { min: 0, max: 100 });

/** Mean scores are marks (2–5), primary scores or ЕГЭ's 100-point scores: none is above 100. */
export const readMeanScore = (text: string) => readDecimal(text, { min: 0, max: 100 });

const plainWord = (text: string) =>
  text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** «городская», «город», «г.», «urban»; «сельская», «село», «с.», «rural». */
export function readSettlement(text: string): Reading<Settlement, 'settlement_invalid'> {
  const word = plainWord(text);
  if (word === '') return { ok: true, value: null };
  if (word === 'г' || word.startsWith('город') || word === 'urban') return { ok: true, value: 'urban' };
  if (word === 'с' || word.startsWith('сел') || word === 'rural') return { ok: true, value: 'rural' };
  return { ok: false, code: 'settlement_invalid' };
}

const PROCEDURES: Record<string, AssessmentProcedure> = { впр: 'vpr', vpr: 'vpr', огэ: 'oge', oge: 'oge', егэ: 'ege', ege: 'ege' };

export function readProcedure(text: string): Reading<AssessmentProcedure, 'empty_procedure' | 'procedure_invalid'> {
  const word = plainWord(text);
  if (word === '') return { ok: false, code: 'empty_procedure' };
  const procedure = PROCEDURES[word];
  return procedure ? { ok: true, value: procedure } : { ok: false, code: 'procedure_invalid' };
}

/** The grades each procedure is written in: ОГЭ at the end of the 9th, ЕГЭ of the 11th, ВПР from the 4th on. */
export const PROCEDURE_GRADES: Record<AssessmentProcedure, readonly [number, number]> = { vpr: [4, 11], oge: [9, 9], ege: [11, 11] };

/** «5», «5 класс», «5 кл.». */
export function readGrade(text: string): Reading<number, 'empty_grade' | 'grade_invalid'> {
  const word = plainWord(text).replace(/\s*(?:класс|кл)$/, '');
  if (word === '') return { ok: false, code: 'empty_grade' };
  const grade = /^\d{1,2}$/.test(word) ? Number(word) : NaN;
  return grade >= 1 && grade <= 11 ? { ok: true, value: grade } : { ok: false, code: 'grade_invalid' };
}

export const MAX_SUBJECT_LENGTH = 100;

/** One spelling per subject, so «математика» and «Математика » of two years are one series: single spaces, a capital first letter. */
export function canonicalSubject(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}

/** The four shares of a row add up to 100 but for rounding: each is rounded to a tenth or a whole per cent in the reports. */
export const SHARES_SUM_TOLERANCE = 1;
