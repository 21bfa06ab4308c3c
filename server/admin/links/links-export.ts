import ExcelJS from 'exceljs';
import type { Db } from '../../db/connect.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { accessModes, activeOpenLinks, codeCounts, waveSchools } from './links.repository.js';
import { shortUrl } from './qr.js';

/** How the region's office names the respondents in letters to schools. */
export const ROLE_TITLES: Record<Role, string> = {
  principal: 'Директор',
  teacher: 'Учителя',
  student: 'Обучающиеся 5–11 классов',
  parent: 'Родители',
};

export const EXPORT_HEADERS = ['Муниципалитет', 'Код школы', 'Школа', 'Участники', 'Способ доступа', 'Ссылка'];

/** One row per school × role, in the order of the wave page, ready for a mail-merge. */
export async function exportRows(db: Db, wave: { id: number; region_id: number }, publicUrl: string): Promise<string[][]> {
  const [schools, links, codes, modes] = await Promise.all([
    waveSchools(db, wave.region_id),
    activeOpenLinks(db, wave.id),
    codeCounts(db, wave.id),
    accessModes(db, wave.id),
  ]);
  const linkOf = new Map(links.map((l) => [`${l.school_id}:${l.role}`, l.token]));
  const codesOf = new Map(codes.map((c) => [`${c.schoolId}:${c.role}`, c.issued]));
  return schools.flatMap((school) =>
    ROLES.map((role) => {
      const key = `${school.id}:${role}`;
      const token = linkOf.get(key);
      const access = modes[role] === 'open' ? 'общая ссылка' : `одноразовые коды: ${codesOf.get(key) ?? 0} шт.`;
      return [school.municipality, school.code, school.name, ROLE_TITLES[role], access, modes[role] === 'open' && token ? shortUrl(publicUrl, token) : ''];
    }),
  );
}

/** Excel would run a cell that starts like a formula; a leading apostrophe makes it text. */
function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(cell: string): string {
  const safe = neutralise(cell);
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** What Excel in a Russian locale opens by double-click: UTF-8 with a BOM, `;` between cells, CRLF lines. */
export function toCsv(rows: string[][]): Buffer {
  const text = [EXPORT_HEADERS, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function toXlsx(rows: string[][], sheetTitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ссылки', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, width: [24, 14, 44, 26, 26, 52][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  workbook.title = sheetTitle;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
