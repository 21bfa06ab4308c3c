import ExcelJS from 'exceljs';
import { ROLES } from '../shared/roles.js';
import { ROLE_TITLES } from '../admin/links/links-export.js';
import type { ParticipationReport, SchoolParticipation } from './participation.schemas.js';

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  value(school: SchoolParticipation, municipality: string): Cell;
  /** Excel number format; rates are fractions shown as percentages. */
  format?: string;
}

const yesNo = (value: boolean) => (value ? 'да' : 'нет');

function remarks(school: SchoolParticipation, fastSeconds: number): string {
  const notes: string[] = [];
  if (school.flags.overExpected.length > 0) {
    notes.push(`ответов больше, чем ожидалось: ${school.flags.overExpected.map((role) => ROLE_TITLES[role]).join(', ')}`);
  }
  if (school.flags.noPrincipal) notes.push('нет ответа директора');
  if (school.flags.fastResponses > 0) notes.push(`быстрее ${fastSeconds} с: ${school.flags.fastResponses}`);
  return notes.join('; ');
}

function columns(report: ParticipationReport): Column[] {
  return [
    { header: 'Муниципалитет', width: 24, value: (_s, municipality) => municipality },
    { header: 'Код школы', width: 12, value: (s) => s.code },
    { header: 'Школа', width: 44, value: (s) => s.name },
    { header: 'Цель достигнута', width: 10, value: (s) => yesNo(s.meetsTarget) },
    { header: 'Не хватает участников', width: 12, value: (s) => s.needed },
    ...ROLES.flatMap((role): Column[] => [
      { header: `${ROLE_TITLES[role]}: ожидается`, width: 12, value: (s) => s.roles[role].expected },
      { header: `${ROLE_TITLES[role]}: ответили`, width: 12, value: (s) => s.roles[role].responses },
      { header: `${ROLE_TITLES[role]}: охват`, width: 10, value: (s) => s.roles[role].rate, format: '0.0%' },
      { header: `${ROLE_TITLES[role]}: не хватает`, width: 12, value: (s) => s.roles[role].needed },
    ]),
    { header: `Ответов быстрее ${report.fastThresholdSeconds} с`, width: 12, value: (s) => s.flags.fastResponses },
    { header: 'Замечания', width: 48, value: (s) => remarks(s, report.fastThresholdSeconds) },
  ];
}

/** The export's heading lines: which wave, when, and against what target. */
function heading(report: ParticipationReport, generatedAt: string): Array<[string, string]> {
  return [
    ['Участие в анкетировании', ''],
    ['Волна', report.wave.title],
    ['Цель охвата', `${Math.round(report.wave.target * 1000) / 10}%`.replace('.', ',')],
    ['Дата выгрузки', generatedAt],
    ['Школ достигли цели', `${report.territory.schoolsAtTarget} из ${report.territory.schools}`],
  ];
}

/** The report's moment in Moscow time, the one regional offices write in letters. */
export function exportTimestamp(report: ParticipationReport): string {
  const text = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' }).format(new Date(report.generatedAt));
  return `${text} МСК`;
}

function rows(report: ParticipationReport): Cell[][] {
  const municipality = new Map(report.municipalities.map((m) => [m.id, m.name]));
  const cols = columns(report);
  return report.schools.map((school) => cols.map((c) => c.value(school, municipality.get(school.municipalityId) ?? '')));
}

/** Excel would run a cell that starts like a formula; a leading apostrophe keeps it text. */
function csvText(cell: string): string {
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvCell(cell: Cell, format?: string): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvText(cell);
  // A Russian Excel reads "93,3" as a number; a percentage column holds percent, not a fraction.
  const value = format ? Math.round(cell * 1000) / 10 : cell;
  return String(value).replace('.', ',');
}

/** UTF-8 with a BOM, `;` between cells, CRLF: what Excel in a Russian locale opens by double-click. */
export function participationCsv(report: ParticipationReport): Buffer {
  const cols = columns(report);
  const lines = [
    ...heading(report, exportTimestamp(report)).map((pair) => pair.map(csvText).join(';')),
    '',
    cols.map((c) => csvText(c.format ? `${c.header}, %` : c.header)).join(';'),
    ...rows(report).map((row) => row.map((cell, i) => csvCell(cell, cols[i].format)).join(';')),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function participationXlsx(report: ParticipationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = `Участие: ${report.wave.title}`;
  const cols = columns(report);
  const head = heading(report, exportTimestamp(report));
  const headerRow = head.length + 2;

  const sheet = workbook.addWorksheet('Школы', { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 3 }] });
  cols.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  head.forEach(([label, value], i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.font = { bold: i === 0 };
  });
  const header = sheet.getRow(headerRow);
  cols.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const values of rows(report)) {
    const row = sheet.addRow(values);
    cols.forEach((c, i) => c.format && (row.getCell(i + 1).numFmt = c.format));
  }
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: cols.length } };

  const byMunicipality = workbook.addWorksheet('Муниципалитеты', { views: [{ state: 'frozen', ySplit: 1 }] });
  byMunicipality.columns = [
    { header: 'Муниципалитет', width: 28 },
    { header: 'Школ', width: 8 },
    { header: 'Достигли цели', width: 10 },
    { header: 'Доля школ у цели', width: 12, style: { numFmt: '0.0%' } },
    { header: 'Ответили', width: 10 },
    { header: 'Не хватает участников', width: 12 },
    ...ROLES.map((role) => ({ header: `${ROLE_TITLES[role]}: охват`, width: 12, style: { numFmt: '0.0%' } })),
  ];
  byMunicipality.getRow(1).font = { bold: true };
  byMunicipality.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const area of [...report.municipalities, { name: 'Всего', ...report.territory }]) {
    byMunicipality.addRow([area.name, area.schools, area.schoolsAtTarget, area.shareAtTarget, area.responses, area.needed, ...ROLES.map((role) => area.roles[role].rate)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
