import { csvFile } from '../../exports/csv.js';
import type { Column, Table } from '../../exports/table.js';
import { xlsxFile } from '../../exports/xlsx.js';
import { COUNT_COLUMNS, ROSTER_COLUMNS, TEMPLATE_HEADERS, type RosterColumn } from './columns.js';

type ExampleRow = Record<RosterColumn, string | number>;

/** Two rows of the demo region, so the template imports as it is into a fresh demo installation. */
const EXAMPLES: ExampleRow[] = [
  {
    region: 'Демонстрационная область',
    municipality: 'Берёзовский муниципальный район',
    code: 'DEMO-001',
    name: 'МБОУ «Берёзовская СОШ № 1»',
    principal: 1,
    teachers: 34,
    students: 412,
    parents: 380,
  },
  {
    region: 'Демонстрационная область',
    municipality: 'Город Озёрск',
    code: 'DEMO-012',
    name: 'МБОУ «Вечерняя (сменная) школа»',
    principal: 1,
    teachers: 8,
    students: 70,
    parents: 0,
  },
];

/** The columns as the template writes them; codes are text, since a numeric-looking code in a General cell loses its leading zeros. */
function templateTable(): Table {
  return {
    columns: ROSTER_COLUMNS.map((c): Column => ({
      header: TEMPLATE_HEADERS[c],
      width: (COUNT_COLUMNS as readonly string[]).includes(c) || c === 'code' ? 14 : 34,
      format: c === 'code' ? 'text' : undefined,
    })),
    rows: EXAMPLES.map((row) => ROSTER_COLUMNS.map((c) => row[c])),
  };
}

export function templateCsv(): Buffer {
  return csvFile(templateTable());
}

export function templateXlsx(): Promise<Buffer> {
  return xlsxFile([{ name: 'Школы', ...templateTable() }]);
}
