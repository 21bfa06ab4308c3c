import { matchHeader, ROSTER_COLUMNS, TEMPLATE_HEADERS, type RosterColumn } from './columns.js';
import { parseSheetFile, type ParsedSheet, type SheetFileRow, type SheetSpec } from './sheet-file.js';

export type RosterRow = SheetFileRow<RosterColumn>;

/** A roster file read into rows by column, before any check of the values: bytes in, rows out, no database. */
export type ParsedRoster = ParsedSheet<RosterColumn>;

const ROSTER_SHEET: SheetSpec<RosterColumn> = { columns: ROSTER_COLUMNS, headers: TEMPLATE_HEADERS, match: matchHeader, rowsNoun: 'schools' };

export async function parseRosterFile(bytes: Uint8Array): Promise<ParsedRoster> {
  return parseSheetFile(bytes, ROSTER_SHEET);
}
