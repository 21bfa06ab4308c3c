import {
  canonicalSubject,
  MAX_SUBJECT_LENGTH,
  PROCEDURE_GRADES,
  readDecimal,
  readGrade,
  readMeanScore,
  readPeople,
  readProcedure,
  readSettlement,
  readShare,
  SHARES_SUM_TOLERANCE,
  type NumberCode,
} from './cell-values.js';
import { INDICATOR_SHEET, RESULT_SHEET, SHARE_COLUMNS, type ContextKind, type IndicatorColumn, type ResultColumn } from './columns.js';
import type { ContextIssue } from './context.schemas.js';
import type { IndicatorRecord, KindRules, ResultRecord } from './validate.js';

const NUMBER_MESSAGES: Record<NumberCode, string> = {
  not_number: 'is not a number',
  not_integer: 'must be a whole number',
  negative: 'cannot be negative',
  too_large: 'is too large',
};

type Report<C> = (column: C, code: ContextIssue['code'], message: string) => void;

/** A reading's value, or null after reporting why the cell is bad (`bad` is set so the row is not written). */
function take<C, T, Code extends ContextIssue['code']>(
  reading: { ok: true; value: T | null } | { ok: false; code: Code },
  column: C,
  issue: Report<C>,
  message: (code: Code) => string,
  state: { bad: boolean },
): T | null {
  if (reading.ok) return reading.value;
  state.bad = true;
  issue(column, reading.code, message(reading.code));
  return null;
}

const INDICATOR_FIELDS = [
  ['socialIndex', 'social_index'],
  ['settlement', 'settlement'],
  ['students', 'students'],
] as const satisfies ReadonlyArray<readonly [IndicatorColumn, keyof IndicatorRecord]>;

export const INDICATOR_RULES: KindRules<IndicatorColumn, IndicatorRecord> = {
  sheet: INDICATOR_SHEET,
  fields: INDICATOR_FIELDS,
  keyOf: () => '',
  read(cells, issue) {
    const state = { bad: false };
    const social_index = take(readDecimal(cells.socialIndex), 'socialIndex', issue, (c) => `The social index ${NUMBER_MESSAGES[c]}`, state);
    const settlement = take(readSettlement(cells.settlement), 'settlement', issue, () => 'Write «городская» or «сельская»', state);
    const students = take(readPeople(cells.students), 'students', issue, (c) => `The number of students ${NUMBER_MESSAGES[c]}`, state);
    if (!state.bad && social_index === null && settlement === null && students === null) {
      issue('socialIndex', 'no_values', 'The row has no figures: fill at least one of the social index, urban or rural, students');
      state.bad = true;
    }
    return { key: '', values: state.bad ? null : { social_index, settlement, students } };
  },
};

const RESULT_FIELDS = [
  ['participants', 'participants'],
  ['meanScore', 'mean_score'],
  ['share2', 'share_2'],
  ['share3', 'share_3'],
  ['share4', 'share_4'],
  ['share5', 'share_5'],
] as const satisfies ReadonlyArray<readonly [ResultColumn, keyof ResultRecord]>;

const PROCEDURE_NAMES = { vpr: 'ВПР', oge: 'ОГЭ', ege: 'ЕГЭ' } as const;

export const RESULT_RULES: KindRules<ResultColumn, ResultRecord> = {
  sheet: RESULT_SHEET,
  fields: RESULT_FIELDS,
  keyOf: (r) => `${r.procedure}|${r.subject}|${r.grade}`,
  read(cells, issue) {
    const state = { bad: false };
    const procedure = take(
      readProcedure(cells.procedure),
      'procedure',
      issue,
      (c) => (c === 'empty_procedure' ? 'The procedure is empty' : 'Write ВПР, ОГЭ or ЕГЭ'),
      state,
    );
    const subject = canonicalSubject(cells.subject);
    if (!subject) {
      issue('subject', 'empty_subject', 'The subject is empty');
      state.bad = true;
    } else if (subject.length > MAX_SUBJECT_LENGTH) {
      issue('subject', 'too_long', `The subject is longer than ${MAX_SUBJECT_LENGTH} characters`);
      state.bad = true;
    }
    const grade = take(readGrade(cells.grade), 'grade', issue, (c) => (c === 'empty_grade' ? 'The grade is empty' : 'The grade must be 1 to 11'), state);
    if (procedure && grade !== null) {
      const [from, to] = PROCEDURE_GRADES[procedure];
      if (grade < from || grade > to) {
        issue(
          'grade',
          'grade_procedure_mismatch',
          `${PROCEDURE_NAMES[procedure]} is not written in grade ${grade} (grades ${from === to ? from : `${from}–${to}`})`,
        );
        state.bad = true;
      }
    }
    const key = procedure && grade !== null && subject && subject.length <= MAX_SUBJECT_LENGTH ? `${procedure}|${subject}|${grade}` : null;

    const participants = take(readPeople(cells.participants), 'participants', issue, (c) => `The number of participants ${NUMBER_MESSAGES[c]}`, state);
    const mean_score = take(readMeanScore(cells.meanScore), 'meanScore', issue, (c) => `The mean score ${NUMBER_MESSAGES[c]}`, state);
    const shares = SHARE_COLUMNS.map((column) =>
      take(readShare(cells[column]), column, issue, (c) => (c === 'not_number' ? 'The share is not a number' : 'A share is a per cent from 0 to 100'), state),
    );
    const given = shares.filter((s): s is number => s !== null);
    const sum = given.reduce((a, b) => a + b, 0);
    // Only four shares must add up to 100; fewer (a region that has only the share of «2») must not pass it.
    if (!state.bad && (given.length === 4 ? Math.abs(sum - 100) > SHARES_SUM_TOLERANCE : sum > 100 + SHARES_SUM_TOLERANCE)) {
      issue('share2', 'shares_sum', `The shares of the marks add up to ${Math.round(sum * 10) / 10}%, not 100%`);
      state.bad = true;
    }
    if (!state.bad && participants === null && mean_score === null && given.length === 0) {
      issue('participants', 'no_values', 'The row has no figures: fill at least one of participants, mean score, shares');
      state.bad = true;
    }
    const [share_2, share_3, share_4, share_5] = shares;
    return {
      key,
      values: state.bad || !procedure || grade === null ? null : { procedure, subject, grade, participants, mean_score, share_2, share_3, share_4, share_5 },
    };
  },
};

export const KIND_RULES = { indicators: INDICATOR_RULES, results: RESULT_RULES } as const satisfies Record<ContextKind, unknown>;
