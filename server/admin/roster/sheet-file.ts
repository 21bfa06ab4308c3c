import { CSV_DELIMITERS, decodeCsv, readCsvRows } from './parse-csv.js';
import { readXlsxRows } from './parse-xlsx.js';
import type { SheetRow } from './sheet.js';

/** Problems with a file as a whole, shared by every import of a table (the roster, a school's context). */
export const FILE_ISSUE_CODES = ['empty_file', 'no_rows', 'unreadable_file', 'unsupported_format', 'missing_column', 'duplicate_column'] as const;
export type FileIssueCode = (typeof FILE_ISSUE_CODES)[number];

export interface FileIssue {
  line: number | null;
  column: string | null;
  code: FileIssueCode;
  message: string;
  value?: string;
}

/** What one kind of file looks like: its columns, the header the template writes for each, and how headers are recognised. */
export interface SheetSpec<C extends string> {
  columns: readonly C[];
  headers: Record<C, string>;
  match(header: string): C | null;
  /** What the data rows are, for the message of a file with a header and nothing under it («schools»). */
  rowsNoun: string;
}

export interface SheetFileRow<C extends string> {
  line: number;
  cells: Record<C, string>;
}

/** A file read into rows by column, before any check of the values: bytes in, rows out, no database. */
export interface ParsedSheet<C extends string> {
  format: 'csv' | 'xlsx' | null;
  rows: Array<SheetFileRow<C>>;
  /** Problems with the file as a whole (unreadable, empty, columns missing); when any, `rows` is empty. */
  issues: FileIssue[];
  /** Each recognised column's header as written in the file, to name it in row errors. */
  headers: Record<C, string>;
  ignoredColumns: string[];
}

interface Header<C extends string> {
  index: number;
  columns: Map<number, C>;
  recognised: number;
}

/** Lists often carry a title or a date above the table, so the header is looked for among the first rows. */
const HEADER_SEARCH_ROWS = 10;
/** Lines of a CSV read to choose its delimiter: past any title, blank lines and the header. */
const HEADER_SEARCH_LINES = 50;

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell.trim() === '');

function findHeader<C extends string>(rows: SheetRow[], spec: SheetSpec<C>): Header<C> | null {
  let best: Header<C> | null = null;
  let seen = 0;
  for (let index = 0; index < rows.length && seen < HEADER_SEARCH_ROWS; index++) {
    if (isBlank(rows[index])) continue;
    seen++;
    const columns = new Map<number, C>();
    rows[index].cells.forEach((cell, i) => {
      const column = spec.match(cell);
      if (column) columns.set(i, column);
    });
    const recognised = new Set(columns.values()).size;
    if (!best || recognised > best.recognised) best = { index, columns, recognised };
  }
  return best;
}

const fileIssue = (code: FileIssueCode, message: string, line: number | null = null): FileIssue => ({ line, column: null, code, message });

function failed<C extends string>(spec: SheetSpec<C>, format: ParsedSheet<C>['format'], issue: FileIssue): ParsedSheet<C> {
  return { format, rows: [], issues: [issue], headers: { ...spec.headers }, ignoredColumns: [] };
}

/**
 * The delimiter whose reading of the first lines recognises the most columns (`;` wins a tie). Each line is read on
 * its own, so a broken quote further down is reported as such rather than making another delimiter win.
 */
function readCsv<C extends string>(bytes: Uint8Array, spec: SheetSpec<C>): { rows: SheetRow[] } | { issue: FileIssue } {
  const text = decodeCsv(bytes);
  if (text.includes('\0')) return { issue: fileIssue('unreadable_file', 'The file is neither CSV text nor an XLSX workbook') };
  const firstLines = text.split(/\r\n|\r|\n/, HEADER_SEARCH_LINES);
  let delimiter: string = CSV_DELIMITERS[0];
  let bestScore = 0;
  for (const candidate of CSV_DELIMITERS) {
    const rows = firstLines.map((line, i) => {
      try {
        return { line: i + 1, cells: readCsvRows(line, candidate)[0]?.cells ?? [] };
      } catch {
        return { line: i + 1, cells: [] };
      }
    });
    const score = findHeader(rows, spec)?.recognised ?? 0;
    if (score > bestScore) [delimiter, bestScore] = [candidate, score];
  }
  try {
    return { rows: readCsvRows(text, delimiter) };
  } catch (error) {
    const { message, lines } = error as Error & { lines?: number };
    return { issue: fileIssue('unreadable_file', `The CSV cannot be read: ${message}`, lines ?? null) };
  }
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const isOldExcel = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/** Reads a CSV (UTF-8, UTF-16 or Windows-1251; `;`, `,` or tab) or the first sheet of an XLSX into the spec's columns. */
export async function parseSheetFile<C extends string>(bytes: Uint8Array, spec: SheetSpec<C>): Promise<ParsedSheet<C>> {
  if (bytes.length === 0) return failed(spec, null, fileIssue('empty_file', 'The file is empty'));
  if (isOldExcel(bytes)) {
    return failed(spec, null, fileIssue('unsupported_format', 'Old Excel files (.xls) are not supported; save the list as .xlsx or CSV'));
  }

  const format = isZip(bytes) ? 'xlsx' : 'csv';
  let rows: SheetRow[];
  if (format === 'xlsx') {
    try {
      rows = await readXlsxRows(bytes);
    } catch (error) {
      return failed(spec, format, fileIssue('unreadable_file', `The XLSX workbook cannot be read: ${(error as Error).message}`));
    }
  } else {
    const csv = readCsv(bytes, spec);
    if ('issue' in csv) return failed(spec, format, csv.issue);
    rows = csv.rows;
  }

  const header = findHeader(rows, spec);
  if (!header) return failed(spec, format, fileIssue('empty_file', 'The file has no rows'));
  const headerRow = rows[header.index];

  const headers = { ...spec.headers };
  const issues: FileIssue[] = [];
  const ignoredColumns: string[] = [];
  const positions = new Map<C, number>();
  headerRow.cells.forEach((text, i) => {
    const column = header.columns.get(i);
    if (!column) {
      if (text.trim()) ignoredColumns.push(text.trim());
      return;
    }
    if (positions.has(column)) {
      issues.push({
        line: headerRow.line,
        column: text.trim(),
        code: 'duplicate_column',
        message: `Two columns are read as "${spec.headers[column]}": "${headers[column]}" and "${text.trim()}"; keep one`,
        value: text.trim(),
      });
      return;
    }
    positions.set(column, i);
    headers[column] = text.trim();
  });
  for (const column of spec.columns) {
    if (!positions.has(column)) {
      issues.push({
        line: headerRow.line,
        column: spec.headers[column],
        code: 'missing_column',
        message: `The header row has no column "${spec.headers[column]}"`,
      });
    }
  }
  if (issues.length > 0) return { format, rows: [], issues, headers, ignoredColumns };

  const data = rows
    .slice(header.index + 1)
    .map((row) => ({
      line: row.line,
      cells: Object.fromEntries(spec.columns.map((c) => [c, row.cells[positions.get(c)!] ?? ''])) as Record<C, string>,
    }))
    .filter((row) => spec.columns.some((c) => row.cells[c].trim() !== ''));
  if (data.length === 0)
    return { format, rows: [], issues: [fileIssue('no_rows', `The file has a header row but no ${spec.rowsNoun}`, headerRow.line)], headers, ignoredColumns };
  return { format, rows: data, issues: [], headers, ignoredColumns };
}
