import { csvFile } from '../exports/csv.js';
import { localTime } from '../exports/local-time.js';
import { ROLE_TITLES } from '../exports/role-titles.js';
import type { Cell, Column, Table } from '../exports/table.js';
import { xlsxFile } from '../exports/xlsx.js';
import { ROLES } from '../shared/roles.js';
import { percent } from '../shared/rules/percent.js';
import { matchesFilter, type FlagFilter, type SchoolFilter } from '../shared/rules/participation-filter.js';
import type { ParticipationReport, SchoolParticipation } from './participation.schemas.js';

interface SchoolColumn extends Column {
  value(school: SchoolParticipation, municipality: string): Cell;
}

const yesNo = (value: boolean) => (value ? 'да' : 'нет');

const roleList = (roles: readonly (typeof ROLES)[number][]) => roles.map((role) => ROLE_TITLES[role]).join(', ');

function remarks(school: SchoolParticipation): string {
  const notes: string[] = [];
  if (school.flags.overExpected.length > 0) {
    notes.push(`ответов больше, чем ожидалось: ${roleList(school.flags.overExpected)}`);
  }
  if (school.flags.noPrincipal) notes.push('нет ответа директора');
  if (school.flags.awaitingDecision.length > 0) notes.push(`отмеченные ответы ждут решения координатора: ${roleList(school.flags.awaitingDecision)}`);
  if (school.flags.thanksToMarked.length > 0) notes.push(`цель достигнута только благодаря отмеченным ответам: ${roleList(school.flags.thanksToMarked)}`);
  return notes.join('; ');
}

function schoolColumns(): SchoolColumn[] {
  return [
    { header: 'Муниципалитет', width: 24, value: (_s, municipality) => municipality },
    { header: 'Код школы', width: 12, value: (s) => s.code },
    { header: 'Школа', width: 44, value: (s) => s.name },
    { header: 'Цель достигнута', width: 10, value: (s) => yesNo(s.meetsTarget) },
    { header: 'Не хватает участников', width: 12, value: (s) => s.needed },
    ...ROLES.flatMap((role): SchoolColumn[] => [
      { header: `${ROLE_TITLES[role]}: ожидается`, width: 12, value: (s) => s.roles[role].expected },
      { header: `${ROLE_TITLES[role]}: отказались`, width: 12, value: (s) => s.roles[role].refused },
      { header: `${ROLE_TITLES[role]}: ответили`, width: 12, value: (s) => s.roles[role].responses },
      { header: `${ROLE_TITLES[role]}: из них на бумаге`, width: 12, value: (s) => s.roles[role].paper },
      { header: `${ROLE_TITLES[role]}: охват`, width: 10, value: (s) => s.roles[role].rate, format: 'percent' },
      { header: `${ROLE_TITLES[role]}: не хватает`, width: 12, value: (s) => s.roles[role].needed },
      { header: `${ROLE_TITLES[role]}: отмечено, ждут решения`, width: 14, value: (s) => s.roles[role].held },
      { header: `${ROLE_TITLES[role]}: исключено`, width: 12, value: (s) => s.roles[role].excluded },
    ]),
    { header: 'Замечания', width: 48, value: (s) => remarks(s) },
  ];
}

const FLAG_TITLES: Record<FlagFilter, string> = {
  any: '',
  over: 'ответов больше, чем ожидалось',
  noPrincipal: 'нет ответа директора',
  marked: 'есть отмеченные ответы',
};

/** The filter in words, for the heading: a file read later says which schools it holds. */
function filterWords(report: ParticipationReport, filter: SchoolFilter): string {
  const words: string[] = [];
  const municipality = report.municipalities.find((m) => m.id === filter.municipalityId);
  if (municipality) words.push(municipality.name);
  if (filter.search?.trim()) words.push(`поиск «${filter.search.trim()}»`);
  if (filter.lagging) words.push('только не достигшие цели');
  if (filter.flag && filter.flag !== 'any') words.push(FLAG_TITLES[filter.flag]);
  return words.join('; ');
}

/** The report narrowed to the schools the filter leaves, the heading's count of schools at the target with it. */
export function filteredReport(report: ParticipationReport, filter: SchoolFilter): { report: ParticipationReport; filter: string } {
  const words = filterWords(report, filter);
  if (!words) return { report, filter: '' };
  const schools = report.schools.filter((school) => matchesFilter(school, filter));
  const schoolsAtTarget = schools.filter((school) => school.meetsTarget).length;
  const municipalities = filter.municipalityId ? report.municipalities.filter((m) => m.id === filter.municipalityId) : report.municipalities;
  return { report: { ...report, schools, municipalities, territory: { ...report.territory, schools: schools.length, schoolsAtTarget } }, filter: words };
}

/** The export's heading lines: which wave, when, and against what target. */
function heading(report: ParticipationReport, filter = ''): Array<[string, string]> {
  return [
    ['Участие в анкетировании', ''],
    ['Волна', report.wave.title],
    ['Цель охвата', percent(report.wave.target)],
    ['Дата выгрузки', localTime(new Date(report.generatedAt), report.wave.timeZone)],
    ['Школ достигли цели', `${report.territory.schoolsAtTarget} из ${report.territory.schools}`],
    ...(filter ? [['Отбор', filter] as [string, string]] : []),
  ];
}

/** One row per school, in the report's order: lagging schools first. */
function schoolsTable(report: ParticipationReport, filter = ''): Table {
  const municipality = new Map(report.municipalities.map((m) => [m.id, m.name]));
  const columns = schoolColumns();
  return {
    heading: heading(report, filter),
    columns,
    rows: report.schools.map((school) => columns.map((c) => c.value(school, municipality.get(school.municipalityId) ?? ''))),
  };
}

/** One row per municipality and a total, with each role's rate. */
function municipalitiesTable(report: ParticipationReport): Table {
  return {
    columns: [
      { header: 'Муниципалитет', width: 28 },
      { header: 'Школ', width: 8 },
      { header: 'Достигли цели', width: 10 },
      { header: 'Доля школ у цели', width: 12, format: 'percent' },
      { header: 'Ответили', width: 10 },
      { header: 'Из них на бумаге', width: 10 },
      { header: 'Не хватает участников', width: 12 },
      ...ROLES.map((role): Column => ({ header: `${ROLE_TITLES[role]}: охват`, width: 12, format: 'percent' })),
    ],
    rows: [...report.municipalities, { name: 'Всего', ...report.territory }].map((area) => [
      area.name,
      area.schools,
      area.schoolsAtTarget,
      area.shareAtTarget,
      area.responses,
      area.paper,
      area.needed,
      ...ROLES.map((role) => area.roles[role].rate),
    ]),
  };
}

export function participationCsv(report: ParticipationReport, filter = ''): Buffer {
  return csvFile(schoolsTable(report, filter));
}

export function participationXlsx(report: ParticipationReport, filter = ''): Promise<Buffer> {
  return xlsxFile(
    [
      { name: 'Школы', ...schoolsTable(report, filter), frozenColumns: 3, filter: true },
      { name: 'Муниципалитеты', ...municipalitiesTable(report) },
    ],
    `Участие: ${report.wave.title}`,
  );
}
