import { Type, type Static } from '@fastify/type-provider-typebox';
import { FILE_ISSUE_CODES } from '../admin/roster/sheet-file.js';
import { Nullable, SchoolRef } from '../shared/vocabulary.js';
import { CONTEXT_KINDS } from './columns.js';

export const ContextKind = Type.Enum(CONTEXT_KINDS, {
  description:
    'indicators: social index, urban or rural, students per school and year; results: assessment results per school, year, procedure, subject and grade',
});

/**
 * Why a context file or one of its rows cannot be imported. `code` is stable (the UI words it in Russian); `message`
 * is English for people calling the API from scripts.
 */
export const CONTEXT_ISSUE_CODES = [
  ...FILE_ISSUE_CODES,
  'empty_code',
  'unknown_school',
  'school_out_of_scope',
  'empty_year',
  'year_invalid',
  'not_number',
  'not_integer',
  'negative',
  'too_large',
  'settlement_invalid',
  'empty_procedure',
  'procedure_invalid',
  'empty_subject',
  'too_long',
  'empty_grade',
  'grade_invalid',
  'grade_procedure_mismatch',
  'shares_sum',
  'no_values',
  'duplicate_key',
] as const;
export type ContextIssueCode = (typeof CONTEXT_ISSUE_CODES)[number];

export const ContextIssue = Type.Object({
  /** The line of the file (CSV) or the row number (XLSX), counted from 1; null for the file as a whole. */
  line: Nullable(Type.Integer()),
  /** The column's header as written in the file (the template's header when the column is missing). */
  column: Nullable(Type.String()),
  code: Type.Enum(CONTEXT_ISSUE_CODES),
  message: Type.String(),
  /** The offending cell, so the UI can quote it. */
  value: Type.Optional(Type.String()),
  /** duplicate_key: the line the same school, year (and procedure, subject, grade) first appeared on. */
  firstLine: Type.Optional(Type.Integer()),
});
export type ContextIssue = Static<typeof ContextIssue>;

export const ContextSummary = Type.Object({
  /** Schools the file's good rows are about. */
  schools: Type.Integer(),
  /** The calendar years of the file's good rows, ascending. */
  years: Type.Array(Type.Integer()),
  /** Rows whose key (school and year; for results also procedure, subject and grade) is not stored yet. */
  added: Type.Integer(),
  /** Rows that replace a stored row of the same key with other figures. */
  changed: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ContextSummary = Static<typeof ContextSummary>;

const Figure = Nullable(Type.Union([Type.String(), Type.Number()]));

export const ContextSampleRow = Type.Object({
  line: Type.Integer(),
  /** The school's name; null when the code is unknown. */
  school: Nullable(Type.String()),
  /** Every column's cell as written in the file, by column key (code, year, socialIndex…). */
  cells: Type.Record(Type.String(), Type.String()),
  status: Type.Enum(['new', 'changed', 'unchanged', 'error']),
  /** changed: the columns whose figures change, with the stored figure each replaces. */
  previous: Type.Record(Type.String(), Figure),
});
export type ContextSampleRow = Static<typeof ContextSampleRow>;

export const ContextPreview = Type.Object({
  kind: ContextKind,
  /** Data rows in the file (blank rows are not counted). */
  rows: Type.Integer(),
  /** The first issues, in file order; `errorCount` says how many there are in all. */
  errors: Type.Array(ContextIssue),
  errorCount: Type.Integer(),
  summary: ContextSummary,
  sample: Type.Array(ContextSampleRow),
  /** Headers the import did not recognise and ignores. */
  ignoredColumns: Type.Array(Type.String()),
  format: Nullable(Type.Enum(['csv', 'xlsx'])),
});
export type ContextPreview = Static<typeof ContextPreview>;

export const ContextApplied = Type.Object({ kind: ContextKind, rows: Type.Integer(), summary: ContextSummary });
export type ContextApplied = Static<typeof ContextApplied>;

export const ContextKindParams = Type.Object({ kind: ContextKind });

export const ContextQuery = Type.Object(
  { filename: Type.Optional(Type.String({ maxLength: 255, description: 'The uploaded file name, kept in the audit log' })) },
  { additionalProperties: false },
);

/** A change from the previous year the school has figures for; null when either year lacks the figure. */
const Change = Nullable(Type.Number());

export const ContextYear = Type.Object({
  year: Type.Integer(),
  socialIndex: Nullable(Type.Number()),
  settlement: Nullable(Type.Enum(['urban', 'rural'])),
  students: Nullable(Type.Integer()),
  /** The nearest earlier year with a row, which the changes are from; null for the first. */
  previousYear: Nullable(Type.Integer()),
  change: Type.Object({ socialIndex: Change, students: Change }),
});
export type ContextYear = Static<typeof ContextYear>;

export const ResultYear = Type.Object({
  year: Type.Integer(),
  participants: Nullable(Type.Integer()),
  meanScore: Nullable(Type.Number()),
  share2: Nullable(Type.Number()),
  share3: Nullable(Type.Number()),
  share4: Nullable(Type.Number()),
  share5: Nullable(Type.Number()),
  /** The nearest earlier year of the same procedure, subject and grade; null for the first. */
  previousYear: Nullable(Type.Integer()),
  change: Type.Object({ participants: Change, meanScore: Change, share2: Change, share3: Change, share4: Change, share5: Change }),
});
export type ResultYear = Static<typeof ResultYear>;

export const ResultSeries = Type.Object({
  procedure: Type.Enum(['vpr', 'oge', 'ege']),
  subject: Type.String(),
  grade: Type.Integer(),
  /** Ascending by year. */
  years: Type.Array(ResultYear),
});
export type ResultSeries = Static<typeof ResultSeries>;

export const SchoolContext = Type.Object({
  school: SchoolRef,
  /** Ascending by year. */
  years: Type.Array(ContextYear),
  /** By procedure (ВПР, ОГЭ, ЕГЭ), subject and grade. */
  results: Type.Array(ResultSeries),
});
export type SchoolContext = Static<typeof SchoolContext>;
