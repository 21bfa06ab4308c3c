import { csvFile } from '../exports/csv.js';
import type { Column, Table } from '../exports/table.js';
import { xlsxFile } from '../exports/xlsx.js';
import { INDICATOR_COLUMNS, INDICATOR_HEADERS, RESULT_COLUMNS, RESULT_HEADERS, type ContextKind } from './columns.js';

/** Rows of the demo region's schools, so a template imports as it is into a fresh demo installation. */
const EXAMPLES: Record<ContextKind, Array<Array<string | number>>> = {
  indicators: [
    ['DEMO-001', 2026, -0.42, 'сельская', 412],
    ['DEMO-009', 2026, 0.35, 'городская', 760],
  ],
  results: [
    ['DEMO-001', 2026, 'ВПР', 'Математика', 5, 38, 3.4, 14.3, 40.5, 33.3, 11.9],
    ['DEMO-001', 2026, 'ОГЭ', 'Русский язык', 9, 41, 3.6, 4.9, 39.0, 41.5, 14.6],
    ['DEMO-001', 2026, 'ЕГЭ', 'Математика (профильная)', 11, 12, 52.5, 8.3, '', '', ''],
  ],
};

const TABLES: Record<ContextKind, { columns: readonly string[]; headers: Record<string, string>; sheet: string; filename: string }> = {
  indicators: { columns: INDICATOR_COLUMNS, headers: INDICATOR_HEADERS, sheet: 'Показатели школ', filename: 'Показатели школ' },
  results: { columns: RESULT_COLUMNS, headers: RESULT_HEADERS, sheet: 'Результаты', filename: 'Результаты оценочных процедур' },
};

/** Codes are text, since a numeric-looking code in a General cell loses its leading zeros. */
function templateTable(kind: ContextKind): Table {
  const { columns, headers } = TABLES[kind];
  return {
    columns: columns.map((c): Column => ({
      header: headers[c],
      width: c === 'subject' ? 28 : c === 'settlement' ? 20 : 14,
      format: c === 'code' ? 'text' : undefined,
    })),
    rows: EXAMPLES[kind],
  };
}

export const templateFilename = (kind: ContextKind) => TABLES[kind].filename;

export const templateCsv = (kind: ContextKind): Buffer => csvFile(templateTable(kind));

export const templateXlsx = (kind: ContextKind): Promise<Buffer> => xlsxFile([{ name: TABLES[kind].sheet, ...templateTable(kind) }]);
