import type { Selectable } from 'kysely';
import type { ParsedSheet, SheetSpec } from '../admin/roster/sheet-file.js';
import type { AssessmentResultTable, SchoolContextTable } from '../db/schema.js';
import type { ContextIssue, ContextSampleRow, ContextSummary } from './context.schemas.js';
import { readYear } from './cell-values.js';

/** A school a file's code may name. */
export interface ContextSchool {
  id: number;
  code: string;
  name: string;
  region_id: number;
}

/** What a row writes: the table's row without who imported it and when. */
export type IndicatorRecord = Omit<Selectable<SchoolContextTable>, 'imported_by' | 'imported_at'>;
export type ResultRecord = Omit<Selectable<AssessmentResultTable>, 'imported_by' | 'imported_at'>;
export type ContextRecord = IndicatorRecord | ResultRecord;

type Issue = (column: string, code: ContextIssue['code'], message: string) => void;

/** What differs between the kinds of file; everything else (codes, years, territory, duplicates, changes) is common. */
export interface KindRules<C extends string, R extends ContextRecord> {
  sheet: SheetSpec<C>;
  /**
   * Reads the row's columns but the code and the year, reporting each bad cell. `key` identifies the row within a
   * school's year (empty for one row per year), null when a key cell is bad; `values` is null when any cell is.
   */
  read(
    cells: Record<C, string>,
    issue: (column: C, code: ContextIssue['code'], message: string) => void,
  ): {
    key: string | null;
    values: Omit<R, 'school_id' | 'year'> | null;
  };
  /** The value columns and the record field each fills, to say what a row changes. */
  fields: ReadonlyArray<readonly [C, keyof R & string]>;
  /** A stored record's key within its school's year, as `read` builds it. */
  keyOf(record: R): string;
}

export interface PlannedRecord<R> {
  line: number;
  record: R;
  status: 'new' | 'changed' | 'unchanged';
}

export interface ContextCheck<R> {
  issues: ContextIssue[];
  /** The rows to write (new and changed); only when there are no issues does anything get written. */
  writes: R[];
  summary: ContextSummary;
  sample: ContextSampleRow[];
}

export const SAMPLE_ROWS = 20;
const ROW_KEY = (schoolId: number, year: number, key: string) => `${schoolId}|${year}|${key}`;

/**
 * Checks every row against the rules and the database, and says what applying the file would do. Pure. `onlyRegionId`
 * confines the file to one region: a regional coordinator imports its own schools' figures, never another region's.
 */
export function checkContext<C extends string, R extends ContextRecord>(
  rules: KindRules<C, R>,
  parsed: ParsedSheet<C>,
  existing: { schools: ContextSchool[]; stored: R[] },
  onlyRegionId: number | null,
): ContextCheck<R> {
  const schools = new Map(existing.schools.map((s) => [s.code, s]));
  const stored = new Map(existing.stored.map((r) => [ROW_KEY(r.school_id, r.year, rules.keyOf(r)), r]));
  const issues: ContextIssue[] = [...parsed.issues];
  const firstLineOfKey = new Map<string, number>();
  const planned: Array<PlannedRecord<R>> = [];
  const sample: ContextSampleRow[] = [];
  const header = (column: C) => parsed.headers[column];
  const codeColumn = 'code' as C;
  const yearColumn = 'year' as C;

  for (const row of parsed.rows) {
    const rowIssues: ContextIssue[] = [];
    const issue: Issue = (column, code, message) =>
      rowIssues.push({ line: row.line, column: header(column as C), code, message, value: row.cells[column as C].trim() });

    const code = row.cells[codeColumn].replace(/\s+/g, ' ').trim();
    const school = code ? schools.get(code) : undefined;
    if (!code) issue(codeColumn, 'empty_code', 'The school code is empty');
    else if (!school) issue(codeColumn, 'unknown_school', `No school with the code "${code}"; import the school list first`);
    else if (onlyRegionId !== null && school.region_id !== onlyRegionId)
      issue(codeColumn, 'school_out_of_scope', `The school "${code}" is not a school of your region`);

    const year = readYear(row.cells[yearColumn]);
    if (!year.ok) issue(yearColumn, year.code, year.code === 'empty_year' ? 'The year is empty' : 'The year must be a calendar year such as 2026');

    const { key, values } = rules.read(row.cells, issue);
    let firstLine: number | undefined;
    if (school && year.ok && key !== null) {
      const rowKey = ROW_KEY(school.id, year.value!, key);
      firstLine = firstLineOfKey.get(rowKey);
      if (firstLine !== undefined) {
        rowIssues.push({
          line: row.line,
          column: header(codeColumn),
          code: 'duplicate_key',
          message: `The same school and year${key ? ' (and procedure, subject, grade)' : ''} are already on line ${firstLine}`,
          value: code,
          firstLine,
        });
      } else {
        firstLineOfKey.set(rowKey, row.line);
      }
    }

    issues.push(...rowIssues);
    const shown = { line: row.line, school: school?.name ?? null, cells: Object.fromEntries(rules.sheet.columns.map((c) => [c, row.cells[c].trim()])) };
    if (rowIssues.length > 0 || !school || !year.ok || values === null) {
      if (sample.length < SAMPLE_ROWS) sample.push({ ...shown, status: 'error', previous: {} });
      continue;
    }
    const record = { ...values, school_id: school.id, year: year.value! } as R;
    const before = stored.get(ROW_KEY(school.id, year.value!, key!));
    const previous: ContextSampleRow['previous'] = {};
    if (before) for (const [column, field] of rules.fields) if (before[field] !== record[field]) previous[column] = before[field] as string | number | null;
    const status = !before ? 'new' : Object.keys(previous).length > 0 ? 'changed' : 'unchanged';
    planned.push({ line: row.line, record, status });
    if (sample.length < SAMPLE_ROWS) sample.push({ ...shown, status, previous });
  }

  return {
    issues,
    writes: planned.filter((p) => p.status !== 'unchanged').map((p) => p.record),
    summary: {
      schools: new Set(planned.map((p) => p.record.school_id)).size,
      years: [...new Set(planned.map((p) => p.record.year))].sort((a, b) => a - b),
      added: planned.filter((p) => p.status === 'new').length,
      changed: planned.filter((p) => p.status === 'changed').length,
      unchanged: planned.filter((p) => p.status === 'unchanged').length,
    },
    sample,
  };
}
