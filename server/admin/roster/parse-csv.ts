import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { SheetRow } from './sheet.js';

/** `;` first: Excel with Russian regional settings saves CSV with semicolons. */
export const CSV_DELIMITERS = [';', ',', '\t'] as const;

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/**
 * Text of a CSV file in whatever encoding Excel or a text editor saved it: UTF-8 with or without BOM,
 * UTF-16 ("Unicode text"), or Windows-1251 (Excel's "CSV" on Russian Windows), recognised as bytes that are not UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return buffer.subarray(3).toString('utf8');
  if (startsWith(bytes, [0xff, 0xfe])) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return iconv.decode(buffer.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(buffer, 'win1251');
  }
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/** Throws csv-parse's error (with `lines`) when the text is not CSV with this delimiter, e.g. a quote never closed. */
export function readCsvRows(text: string, delimiter: string): SheetRow[] {
  // csv-parse reads a Buffer several times faster than a string with Cyrillic in it.
  const records: string[][] = parse(Buffer.from(text, 'utf8'), { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // csv-parse's own line counter counts CR and LF apart inside quoted fields, so lines are counted here.
  let line = 1;
  return records.map((cells) => {
    const row = { line, cells };
    line += 1 + cells.reduce((breaks, cell) => breaks + (cell.match(LINE_BREAKS)?.length ?? 0), 0);
    return row;
  });
}
