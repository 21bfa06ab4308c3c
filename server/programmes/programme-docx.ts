import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { localTime } from '../exports/local-time.js';
import { DEFAULT_TIME_ZONE } from '../shared/rules/zoned-days.js';
import type { MeasureStatus, ProgrammeState } from '../shared/vocabulary.js';
import type { Programme, ProgrammeEvent } from './programmes.schemas.js';

/** Every word the document prints, so its Russian is read and corrected in one place. */
const words = {
  title: 'АНТИРИСКОВАЯ ПРОГРАММА',
  direction: (factor: string) => `по направлению «${factor}»`,
  period: (from: string, to: string) => `Период реализации: ${from} — ${to}`,
  basis: (wave: string) => `Основание: результаты анкетирования «${wave}»`,
  approval: ['УТВЕРЖДАЮ', 'Директор ______________', '«___» ______________ 20__ г.'],
  goalHeading: '1. Цель программы',
  tasksHeading: '2. Задачи',
  measuresHeading: '3. План мероприятий',
  approvalHeading: '4. Состояние согласования',
  measureColumns: ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Ожидаемый результат', 'Показатель', 'Статус'],
  historyColumns: ['Дата', 'Действие', 'Кто'],
  noMeasures: 'Мероприятия не запланированы.',
  noHistory: 'Событий нет.',
  empty: '—',
  state: 'Состояние: ',
  overdue: '(просрочено)',
  /** Around the page fields: «Стр. 2 из 5». */
  page: ['Стр. ', ' из '],
  generated: (at: string) => `Сформировано: ${at}`,
  filename: (school: string, factor: string) => `Антирисковая программа — ${school} — ${factor}.docx`,
  states: { draft: 'Черновик', submitted: 'На согласовании', returned: 'Возвращена на доработку', approved: 'Согласована' } satisfies Record<
    ProgrammeState,
    string
  >,
  statuses: { planned: 'Запланировано', in_progress: 'Выполняется', done: 'Выполнено' } satisfies Record<MeasureStatus, string>,
  events: {
    created: 'Создана',
    submitted: 'Направлена на согласование',
    returned: 'Возвращена на доработку',
    resubmitted: 'Направлена на согласование повторно',
    approved: 'Согласована',
  } satisfies Record<ProgrammeEvent['action'], string>,
} as const;

const FONT = 'Times New Roman';
/** docx measures type in half-points. */
const pt = (points: number) => points * 2;
/** Lengths in twips: Word 2007 and older readers do not take `210mm` in a size or an indent. */
const mm = convertMillimetersToTwip;
/** A4 in twips as Word itself writes it (millimetres rounded down would be a twip short). */
const A4 = { width: 11906, height: 16838 };
/** Seven columns fit a portrait page only in type smaller than the body's. */
const SMALL = { size: pt(10) };
/** Shares of the text width, in the order of `words.measureColumns`: the long texts get the room. */
const MEASURE_WIDTHS = [5, 23, 11, 15, 18, 16, 12];
const HISTORY_WIDTHS = [22, 48, 30];
const TASKS = 'programme-tasks';

/** `2027-04-20` as a Russian document writes it: `20.04.2027`. */
const day = (iso: string) => iso.split('-').reverse().join('.');

/** A text the school typed keeps its own line breaks: each line becomes a paragraph (Word ignores `\n` inside one). */
function paragraphs(text: string, run: IRunOptions = {}): Paragraph[] {
  const lines = text.trim().split(/\r\n|\r|\n/);
  return (lines.join('') === '' ? [words.empty] : lines).map((line) => new Paragraph({ children: [new TextRun({ ...run, text: line })] }));
}

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    verticalAlign: header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    margins: { left: 60, right: 60 },
  });
}

/** A table whose header row Word repeats on every page it runs onto, and whose rows never break across pages. */
function table(columns: readonly string[], widths: number[], rows: Paragraph[][][]): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((title, i) =>
      cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true, ...SMALL })] })], widths[i]!, true),
    ),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header, ...rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((c, i) => cell(c, widths[i]!)) }))],
  });
}

function measureTable(programme: Programme): Table {
  return table(
    words.measureColumns,
    MEASURE_WIDTHS,
    programme.measures.map((m, i) => [
      [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ ...SMALL, text: String(i + 1) })] })],
      paragraphs(m.action, SMALL),
      [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ ...SMALL, text: day(m.deadline) })] })],
      paragraphs(m.responsible, SMALL),
      paragraphs(m.expectedResult, SMALL),
      paragraphs(m.targetTitle, SMALL),
      [
        new Paragraph({
          children: [
            new TextRun({ ...SMALL, text: words.statuses[m.status] }),
            ...(m.overdue ? [new TextRun({ ...SMALL, text: ` ${words.overdue}`, bold: true })] : []),
          ],
        }),
      ],
    ]),
  );
}

function historyTable(programme: Programme, timeZone: string): Table {
  const moment = new Intl.DateTimeFormat('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  return table(
    words.historyColumns,
    HISTORY_WIDTHS,
    programme.history.map((event) => [
      paragraphs(moment.format(new Date(event.at)), SMALL),
      [...paragraphs(words.events[event.action], SMALL), ...(event.comment ? paragraphs(event.comment, { ...SMALL, italics: true }) : [])],
      paragraphs(event.by ?? words.empty, SMALL),
    ]),
  );
}

const heading = (text: string) => new Paragraph({ keepNext: true, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true })] });
const centered = (text: string, run: IRunOptions = {}) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ ...run, text })] });

function titleBlock(programme: Programme): Paragraph[] {
  const { school, period } = programme;
  return [
    centered(school.name, { bold: true }),
    centered(`${school.municipality}, ${school.region}`),
    // The director signs here on paper: the stamp keeps to the right half, as on any school order.
    ...words.approval.map(
      (line, i) => new Paragraph({ indent: { left: mm(95) }, spacing: { before: i === 0 ? 360 : 0, after: i === 2 ? 360 : 0 }, children: [new TextRun(line)] }),
    ),
    centered(words.title, { bold: true, size: pt(14) }),
    centered(words.direction(programme.factor.title), { bold: true }),
    ...(period ? [centered(words.period(day(period.from), day(period.to)))] : []),
    centered(words.basis(programme.waveTitle)),
  ];
}

function footer(generated: string): Footer {
  const [before, between] = words.page;
  return new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES] })] }),
      new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: words.generated(generated), size: pt(8), color: '666666' })] }),
    ],
  });
}

/**
 * The programme as the school files it: a Word document with the title block, the director's approval stamp, the goal,
 * the tasks, the plan of measures and where the approval stands. Times are written in `timeZone`, the region's (the
 * wave's `timeZone`), as every other export writes them; Moscow's when the caller has none.
 */
export async function programmeDocx(programme: Programme, generatedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): Promise<Buffer> {
  const document = new Document({
    title: `${words.title} ${words.direction(programme.factor.title)}`,
    creator: programme.school.name,
    styles: { default: { document: { run: { font: FONT, size: pt(12), language: { value: 'ru-RU' } }, paragraph: { spacing: { after: 0 } } } } },
    numbering: {
      config: [
        {
          reference: TASKS,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.PORTRAIT },
            margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20), footer: mm(10) },
          },
        },
        footers: { default: footer(localTime(generatedAt, timeZone)) },
        children: [
          ...titleBlock(programme),
          heading(words.goalHeading),
          ...paragraphs(programme.goal),
          heading(words.tasksHeading),
          ...(programme.tasks.length === 0
            ? [new Paragraph(words.empty)]
            : programme.tasks.map((task) => new Paragraph({ numbering: { reference: TASKS, level: 0 }, children: [new TextRun(task)] }))),
          heading(words.measuresHeading),
          programme.measures.length === 0 ? new Paragraph(words.noMeasures) : measureTable(programme),
          heading(words.approvalHeading),
          new Paragraph({ spacing: { after: 120 }, children: [new TextRun(words.state), new TextRun({ text: words.states[programme.state], bold: true })] }),
          programme.history.length === 0 ? new Paragraph(words.noHistory) : historyTable(programme, timeZone),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The name a browser saves the file under when it reads only plain `filename`: ASCII, no path or quoting characters. */
export function programmeFilename(programme: Programme): string {
  const ascii = (part: string) => part.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  // A code all in Cyrillic leaves nothing in ASCII: the ids still tell the files apart.
  return `programme-${ascii(programme.school.code) || programme.school.id}-${ascii(programme.factor.id) || programme.id}.docx`;
}

/** Characters a file system refuses in a name, and control characters. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILENAME = /[\u0000-\u001F\u007F/\\:*?"<>|]+/g;

/** The Russian name for RFC 5987's `filename*`; what a file system refuses in a name becomes a space. */
export function programmeDisplayFilename(programme: Programme): string {
  const safe = (part: string) => part.replace(NOT_IN_FILENAME, ' ').replace(/\s+/g, ' ').trim();
  return words.filename(safe(programme.school.name), safe(programme.factor.id));
}
