import { matchHeader, ROSTER_COLUMNS, TEMPLATE_HEADERS, type RosterColumn } from './columns.js';
import { CSV_DELIMITERS, decodeCsv, readCsvRows } from './parse-csv.js';
import { readXlsxRows } from './parse-xlsx.js';
import type { RosterIssue } from './roster.schemas.js';
import type { SheetRow } from './sheet.js';

export interface RosterRow {
  line: number;
  cells: Record<RosterColumn, string>;
}

/** A roster file read into rows by column, before any check of the values: bytes in, rows out, no database. */
export interface ParsedRoster {
  format: 'csv' | 'xlsx' | null;
  rows: RosterRow[];
  /** Problems with the file as a whole (unreadable, empty, columns missing); when any, `rows` is empty. */
  issues: RosterIssue[];
  /** Each recognised column's header as written in the file, to name it in row errors. */
  headers: Record<RosterColumn, string>;
  ignoredColumns: string[];
}

interface Header {
  index: number;
  columns: Map<number, RosterColumn>;
  recognised: number;
}

/** Lists often carry a title or a date above the table, so the header is looked for among the first rows. */
const HEADER_SEARCH_ROWS = 10;
/** Lines of a CSV read to choose its delimiter: past any title, blank lines and the header. */
const HEADER_SEARCH_LINES = 50;

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell.trim() === '');

function findHeader(rows: SheetRow[]): Header | null {
  let best: Header | null = null;
  let seen = 0;
  for (let index = 0; index < rows.length && seen < HEADER_SEARCH_ROWS; index++) {
    if (isBlank(rows[index])) continue;
    seen++;
    const columns = new Map<number, RosterColumn>();
    rows[index].cells.forEach((cell, i) => {
      const column = matchHeader(cell);
      if (column) columns.set(i, column);
    });
    const recognised = new Set(columns.values()).size;
    if (!best || recognised > best.recognised) best = { index, columns, recognised };
  }
  return best;
}

const fileIssue = (code: RosterIssue['code'], message: string, line: number | null = null): RosterIssue => ({ line, column: null, code, message });

const emptyHeaders = () => ({ ...TEMPLATE_HEADERS });

function failed(format: ParsedRoster['format'], issue: RosterIssue): ParsedRoster {
  return { format, rows: [], issues: [issue], headers: emptyHeaders(), ignoredColumns: [] };
}

/**
 * The delimiter whose reading of the first lines recognises the most roster columns (`;` wins a tie). Each line is
 * read on its own, so a broken quote further down is reported as such rather than making another delimiter win.
 */
function readCsv(bytes: Uint8Array): { rows: SheetRow[] } | { issue: RosterIssue } {
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
    const score = findHeader(rows)?.recognised ?? 0;
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

export async function parseRosterFile(bytes: Uint8Array): Promise<ParsedRoster> {
  if (bytes.length === 0) return failed(null, fileIssue('empty_file', 'The file is empty'));
  if (isOldExcel(bytes)) {
    return failed(null, fileIssue('unsupported_format', 'Old Excel files (.xls) are not supported; save the list as .xlsx or CSV'));
  }

  const format = isZip(bytes) ? 'xlsx' : 'csv';
  let rows: SheetRow[];
  if (format === 'xlsx') {
    try {
      rows = await readXlsxRows(bytes);
    } catch (error) {
      return failed(format, fileIssue('unreadable_file', `The XLSX workbook cannot be read: ${(error as Error).message}`));
    }
  } else {
    const csv = readCsv(bytes);
    if ('issue' in csv) return failed(format, csv.issue);
    rows = csv.rows;
  }

  const header = findHeader(rows);
  if (!header) return failed(format, fileIssue('empty_file', 'The file has no rows'));
  const headerRow = rows[header.index];

  const headers = emptyHeaders();
  const issues: RosterIssue[] = [];
  const ignoredColumns: string[] = [];
  const positions = new Map<RosterColumn, number>();
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
        message: `Two columns are read as "${TEMPLATE_HEADERS[column]}": "${headers[column]}" and "${text.trim()}"; keep one`,
        value: text.trim(),
      });
      return;
    }
    positions.set(column, i);
    headers[column] = text.trim();
  });
  for (const column of ROSTER_COLUMNS) {
    if (!positions.has(column)) {
      issues.push({
        line: headerRow.line,
        column: TEMPLATE_HEADERS[column],
        code: 'missing_column',
        message: `The header row has no column "${TEMPLATE_HEADERS[column]}"`,
      });
    }
  }
  if (issues.length > 0) return { format, rows: [], issues, headers, ignoredColumns };

  const data = rows
    .slice(header.index + 1)
    .map((row) => ({
      line: row.line,
      cells: Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, row.cells[positions.get(c)!] ?? ''])) as Record<RosterColumn, string>,
    }))
    .filter((row) => ROSTER_COLUMNS.some((c) => row.cells[c].trim() !== ''));
  if (data.length === 0)
    return { format, rows: [], issues: [fileIssue('no_rows', 'The file has a header row but no schools', headerRow.line)], headers, ignoredColumns };
  return { format, rows: data, issues: [], headers, ignoredColumns };
}
