import { csvFile } from '../exports/csv.js';
import { localTime } from '../exports/local-time.js';
import type { Cell, Column, Table } from '../exports/table.js';
import { xlsxFile } from '../exports/xlsx.js';
import { percent } from '../shared/rules/percent.js';
import type { ProgrammeState } from '../shared/vocabulary.js';
import type { ConfirmedChange, MissReason, OverallState, ProgrammesOverview, SchoolProgrammesOverview } from './monitoring.schemas.js';

/** How a coordinator's spreadsheet names the states, the same words as on screen. */
const PROGRAMME_STATE_TITLES: Record<ProgrammeState, string> = {
  draft: 'черновик',
  submitted: 'на проверке',
  returned: 'на доработке',
  approved: 'утверждена',
};

const OVERALL_TITLES: Record<Exclude<OverallState, 'none'>, string> = {
  draft: 'есть черновики',
  returned: 'есть программы на доработке',
  submitted: 'есть программы на проверке',
  approved: 'все программы утверждены',
};

const REASON_TITLES: Record<MissReason, string> = {
  not_compared: 'нет данных для сравнения волн',
  no_positive_change: 'нет положительной динамики по анкетам',
  no_priorities: 'не выбраны приоритеты',
  programme_missing: 'не по всем приоритетам есть программа',
  programme_not_approved: 'не все программы утверждены',
  measures_not_done: 'не все мероприятия выполнены',
  evidence_missing: 'не ко всем выполненным мероприятиям приложены подтверждения',
};

/** «2 из 5 (40%)», the percent as on the screens and in the other exports. */
const partOf = (count: number, total: number, share: number | null) => `${count} из ${total}${share === null ? '' : ` (${percent(share)})`}`;

function overallText(school: SchoolProgrammesOverview): string {
  if (school.state !== 'none') return OVERALL_TITLES[school.state];
  return school.priorities === 0 ? 'приоритеты не выбраны' : 'не по всем приоритетам есть программа';
}

function programmesText(school: SchoolProgrammesOverview): string {
  return school.programmes
    .map(
      (p) =>
        `${p.factorId} ${p.factorTitle}: ${p.state === null ? 'нет программы' : PROGRAMME_STATE_TITLES[p.state]}${p.priority ? '' : ' (уже не приоритет)'}`,
    )
    .join('; ');
}

interface SchoolColumn extends Column {
  value(school: SchoolProgrammesOverview): Cell;
}

const SCHOOL_COLUMNS: SchoolColumn[] = [
  { header: 'Муниципалитет', width: 24, value: (s) => s.school.municipality.name },
  { header: 'Код школы', width: 12, format: 'text', value: (s) => s.school.code },
  { header: 'Школа', width: 44, value: (s) => s.school.name },
  { header: 'Приоритетов', width: 11, value: (s) => s.priorities },
  { header: 'Состояние программ', width: 28, value: overallText },
  { header: 'Программы по приоритетам', width: 60, value: programmesText },
  { header: 'Просрочено мероприятий', width: 13, value: (s) => s.overdueMeasures },
  { header: 'Замечаний без ответа', width: 13, value: (s) => s.openRemarks },
  { header: 'Кураторы', width: 30, value: (s) => s.curators.join(', ') },
];

function overviewHeading(overview: ProgrammesOverview, generatedAt: Date): Array<[string, string]> {
  const { approved, total, share } = overview.approvedShare;
  return [
    ['Антирисковые программы школ', ''],
    ['Волна', overview.wave.title],
    ['Дата выгрузки', localTime(generatedAt, overview.wave.timeZone)],
    ['Школ, у которых утверждены все программы', partOf(approved, total, share)],
    ['Просрочено', 'мероприятие не выполнено, а его срок прошёл'],
  ];
}

function schoolsTable(overview: ProgrammesOverview, generatedAt: Date): Table {
  return {
    heading: overviewHeading(overview, generatedAt),
    columns: SCHOOL_COLUMNS,
    rows: overview.schools.map((school) => SCHOOL_COLUMNS.map((c) => c.value(school))),
  };
}

function curatorsTable(overview: ProgrammesOverview): Table {
  return {
    heading: [['Визиты кураторов', `запланированные на ${overview.visitsSince.split('-').reverse().join('.')} и позже`]],
    columns: [
      { header: 'Куратор', width: 30 },
      { header: 'Школ', width: 8 },
      { header: 'Школы', width: 60 },
      { header: 'Визитов запланировано', width: 13 },
      { header: 'Проведено', width: 11 },
      { header: 'Просрочено', width: 11 },
    ],
    rows: overview.curators.map((c) => [c.name, c.schools.length, c.schools.map((s) => s.name).join(', '), c.visitsPlanned, c.visitsMade, c.visitsOverdue]),
  };
}

export function overviewCsv(overview: ProgrammesOverview, generatedAt = new Date()): Buffer {
  return csvFile(schoolsTable(overview, generatedAt));
}

export function overviewXlsx(overview: ProgrammesOverview, generatedAt = new Date()): Promise<Buffer> {
  return xlsxFile(
    [
      { name: 'Школы', ...schoolsTable(overview, generatedAt), frozenColumns: 3, filter: true },
      { name: 'Кураторы', ...curatorsTable(overview) },
    ],
    `Программы: ${overview.wave.title}`,
  );
}

const surveyText = (positive: boolean | null) => (positive === null ? 'нет данных' : positive ? 'да' : 'нет');

function confirmationTable(change: ConfirmedChange, generatedAt: Date): Table {
  const { surveyOnly, confirmed } = change;
  return {
    heading: [
      ['Подтверждённая положительная динамика', ''],
      ['Волны', `«${change.earlier.title}» → «${change.later.title}»`],
      ['Программы', `по приоритетам волны «${change.earlier.title}»`],
      ['Цель', `не меньше ${percent(change.target)} школ`],
      ['Положительная динамика по анкетам', partOf(surveyOnly.count, surveyOnly.total, surveyOnly.share)],
      ['Подтверждённая положительная динамика', partOf(confirmed.count, confirmed.total, confirmed.share)],
      ['Дата выгрузки', localTime(generatedAt, change.later.timeZone)],
    ],
    columns: [
      { header: 'Муниципалитет', width: 24 },
      { header: 'Код школы', width: 12, format: 'text' },
      { header: 'Школа', width: 44 },
      { header: 'Положительная динамика по анкетам', width: 14 },
      { header: 'Подтверждена', width: 12 },
      { header: 'Почему не подтверждена', width: 70 },
    ],
    rows: change.schools.map((s) => [
      s.municipality,
      s.code,
      s.name,
      surveyText(s.surveyPositive),
      s.confirmed ? 'да' : 'нет',
      s.reasons.map((r) => REASON_TITLES[r]).join('; '),
    ]),
  };
}

export function confirmationCsv(change: ConfirmedChange, generatedAt = new Date()): Buffer {
  return csvFile(confirmationTable(change, generatedAt));
}

export function confirmationXlsx(change: ConfirmedChange, generatedAt = new Date()): Promise<Buffer> {
  return xlsxFile(
    [{ name: 'Динамика', ...confirmationTable(change, generatedAt), frozenColumns: 3, filter: true }],
    `Подтверждённая динамика: ${change.later.title}`,
  );
}
