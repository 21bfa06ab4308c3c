import ExcelJS from 'exceljs';
import type { Level } from '../scoring/model.js';
import type { WaveProfilesBody } from '../profiles/schemas.js';

type Cell = string | number | null;

/** How levels read in a coordinator's spreadsheet, the same words as on screen. */
const LEVEL_TITLES: Record<Level, string> = { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' };

/** Scores go out on the 0–100 scale people see on screen, to one decimal. */
const score100 = (score: number | null) => (score === null ? null : Math.round(score * 1000) / 10);

interface Sheet {
  heading: Array<[string, string]>;
  header: string[];
  rows: Cell[][];
}

function sheetOf(body: WaveProfilesBody, generatedAt: Date): Sheet {
  const factors = body.profiles[0]?.factors ?? [];
  const stamp = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' }).format(generatedAt);
  return {
    heading: [
      ['Риск-профили школ', ''],
      ['Волна', body.wave.title],
      ['Модель', `${body.model.title} (${body.model.id})`],
      ['Дата выгрузки', `${stamp} МСК`],
      ['Балл', 'от 0 до 100: чем больше, тем выше риск'],
    ],
    header: ['Код школы', 'Школа', 'Муниципалитет', ...factors.flatMap((f) => [`${f.id} ${f.title}: балл`, `${f.id}: уровень`])],
    rows: body.profiles.map((p) => [
      p.school.code,
      p.school.name,
      p.school.municipality.name,
      ...p.factors.flatMap((f) => [score100(f.score), LEVEL_TITLES[f.level]]),
    ]),
  };
}

/** Excel would run a cell that starts like a formula; a leading apostrophe keeps it text. */
function csvText(cell: string): string {
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  // A Russian Excel reads "42,5" as a number.
  return typeof cell === 'number' ? String(cell).replace('.', ',') : csvText(cell);
}

/** UTF-8 with a BOM, `;` between cells, CRLF: what Excel in a Russian locale opens by double-click. */
export function profilesCsv(body: WaveProfilesBody, generatedAt = new Date()): Buffer {
  const sheet = sheetOf(body, generatedAt);
  const lines = [
    ...sheet.heading.map((pair) => pair.map(csvText).join(';')),
    '',
    sheet.header.map(csvText).join(';'),
    ...sheet.rows.map((row) => row.map(csvCell).join(';')),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function profilesXlsx(body: WaveProfilesBody, generatedAt = new Date()): Promise<Buffer> {
  const sheet = sheetOf(body, generatedAt);
  const workbook = new ExcelJS.Workbook();
  workbook.title = `Риск-профили: ${body.wave.title}`;
  const headerRow = sheet.heading.length + 2;
  const ws = workbook.addWorksheet('Риск-профили', { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 2 }] });
  sheet.heading.forEach(([label, value], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.font = { bold: i === 0 };
  });
  const header = ws.getRow(headerRow);
  sheet.header.forEach((title, i) => (header.getCell(i + 1).value = title));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  sheet.header.forEach((_, i) => (ws.getColumn(i + 1).width = i === 1 ? 44 : i === 2 ? 24 : 14));
  for (const values of sheet.rows) ws.addRow(values);
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: sheet.header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
