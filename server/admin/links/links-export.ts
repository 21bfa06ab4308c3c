import type { Db } from '../../db/connect.js';
import { csvFile } from '../../exports/csv.js';
import { ROLE_TITLES } from '../../exports/role-titles.js';
import type { Table } from '../../exports/table.js';
import { xlsxFile } from '../../exports/xlsx.js';
import type { RespondentLinks } from '../../links/respondent-links.js';
import { ROLES } from '../../shared/roles.js';
import { accessModes, activeOpenLinks, codeCounts, waveSchools } from '../../links/links.repository.js';
import type { RosterWave } from '../../territory/wave-roster.js';

const COLUMNS = [
  { header: 'Муниципалитет', width: 24 },
  { header: 'Код школы', width: 14 },
  { header: 'Школа', width: 44 },
  { header: 'Участники', width: 26 },
  { header: 'Способ доступа', width: 26 },
  { header: 'Ссылка', width: 52 },
];

/** One row per school × role, in the order of the wave page, ready for a mail-merge. */
export async function linksTable(db: Db, wave: RosterWave, links: RespondentLinks): Promise<Table> {
  const [schools, open, codes, modes] = await Promise.all([
    waveSchools(db, wave),
    activeOpenLinks(db, wave.id),
    codeCounts(db, wave.id),
    accessModes(db, wave.id),
  ]);
  const tokenOf = new Map(open.map((l) => [`${l.school_id}:${l.role}`, l.token]));
  const codesOf = new Map(codes.map((c) => [`${c.schoolId}:${c.role}`, c.issued]));
  const rows = schools.flatMap((school) =>
    ROLES.map((role) => {
      const key = `${school.id}:${role}`;
      const token = tokenOf.get(key);
      const access = modes[role] === 'open' ? 'общая ссылка' : `одноразовые коды: ${codesOf.get(key) ?? 0} шт.`;
      return [school.municipality_name, school.code, school.name, ROLE_TITLES[role], access, modes[role] === 'open' && token ? links.url(token) : ''];
    }),
  );
  return { columns: COLUMNS, rows };
}

export const linksCsv = (table: Table) => csvFile(table);

export const linksXlsx = (table: Table, waveTitle: string) => xlsxFile([{ name: 'Ссылки', ...table, filter: true }], waveTitle);
