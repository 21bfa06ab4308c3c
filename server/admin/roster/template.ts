import ExcelJS from 'exceljs';
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

const csvField = (value: string | number) => {
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** As Excel on Russian Windows opens it by double click: UTF-8 with BOM, semicolons, CRLF. */
export function templateCsv(): Buffer {
  const lines = [ROSTER_COLUMNS.map((c) => TEMPLATE_HEADERS[c]), ...EXAMPLES.map((row) => ROSTER_COLUMNS.map((c) => row[c]))];
  return Buffer.from('\ufeff' + lines.map((cells) => cells.map(csvField).join(';')).join('\r\n') + '\r\n', 'utf8');
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Школы', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: TEMPLATE_HEADERS[c],
    key: c,
    width: (COUNT_COLUMNS as readonly string[]).includes(c) ? 14 : c === 'code' ? 14 : 34,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  // Codes are text: a numeric-looking code typed into a General cell loses its leading zeros.
  sheet.getColumn('code').numFmt = '@';
  for (const row of EXAMPLES) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
