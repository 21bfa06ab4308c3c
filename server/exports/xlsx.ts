import ExcelJS from 'exceljs';
import type { Table } from './table.js';

const NUMBER_FORMATS = { percent: '0.0%', text: '@' } as const;

export interface Sheet extends Table {
  name: string;
  /** Columns that stay in view when scrolling sideways, such as the school's code and name. */
  frozenColumns?: number;
  /** An Excel filter on the header row, for tables people sift. */
  filter?: boolean;
}

function addSheet(workbook: ExcelJS.Workbook, { name, heading = [], columns, rows, frozenColumns, filter }: Sheet) {
  const headerRow = heading.length > 0 ? heading.length + 2 : 1;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: frozenColumns }] });
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    // Set on the column before any row, so the cells added below and those a person types later take it.
    if (c.format) column.numFmt = NUMBER_FORMATS[c.format];
  });
  heading.forEach(([label, value], i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.font = { bold: i === 0 };
  });
  const header = sheet.getRow(headerRow);
  columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) sheet.addRow(row);
  if (filter) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
}

/** A workbook of one or more tables, each on its own sheet with its header row frozen. */
export async function xlsxFile(sheets: Sheet[], title?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (title !== undefined) workbook.title = title;
  for (const sheet of sheets) addSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
