/**
 * The columns of a roster file and the header spellings we accept for each. Regional offices build these lists
 * by hand in Excel, so a header is matched after normalising case, spaces, ё, punctuation, a parenthesised remark
 * («Директор (0/1)») and a counting prefix («Количество учителей»).
 */
export const ROSTER_COLUMNS = ['region', 'municipality', 'code', 'name', 'principal', 'teachers', 'students', 'parents'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const COUNT_COLUMNS = ['principal', 'teachers', 'students', 'parents'] as const satisfies readonly RosterColumn[];
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The school table's column for each count, so the import writes what the participation screens read. */
export const COUNT_FIELDS = {
  principal: 'expected_principal',
  teachers: 'expected_teacher',
  students: 'expected_student',
  parents: 'expected_parent',
} as const satisfies Record<CountColumn, string>;

/** The header the template writes; also how a missing column is named in an error. */
export const TEMPLATE_HEADERS: Record<RosterColumn, string> = {
  region: 'Регион',
  municipality: 'Муниципалитет',
  code: 'Код школы',
  name: 'Название школы',
  principal: 'Директор',
  teachers: 'Учителя',
  students: 'Обучающиеся 5–11 классов',
  parents: 'Родители',
};

interface HeaderRule {
  /** Whole headers, written as they come out of `normaliseHeader`. */
  exact: string[];
  /** Word beginnings that identify the column when no exact spelling matched («Обучающиеся 5-11 кл.»). */
  stems: string[];
}

/**
 * Stems are tried in this order, because headers mention other columns: «Родители обучающихся» is about parents,
 * «Наименование муниципалитета» about the municipality.
 */
const RULES: Array<[RosterColumn, HeaderRule]> = [
  ['region', { exact: ['регион', 'субъект', 'субъект рф', 'субъект российской федерации', 'region'], stems: ['регион', 'субъект', 'region'] }],
  [
    'municipality',
    {
      exact: ['муниципалитет', 'муниципальное образование', 'муниципальный район', 'городской округ', 'мо', 'район', 'municipality', 'district'],
      stems: ['муниципал', 'municipal'],
    },
  ],
  ['parents', { exact: ['родители', 'родителей', 'parents'], stems: ['родител', 'parent'] }],
  [
    'principal',
    { exact: ['директор', 'директора', 'руководитель', 'руководители', 'principal', 'principals', 'head'], stems: ['директор', 'руководител', 'principal'] },
  ],
  ['teachers', { exact: ['учителя', 'учителей', 'педагоги', 'педагогов', 'педагогические работники', 'teachers'], stems: ['учител', 'педагог', 'teacher'] }],
  [
    'students',
    {
      exact: ['обучающиеся 5 11 классов', 'обучающиеся', 'учащиеся', 'ученики', 'students', 'pupils'],
      stems: ['обучающ', 'учащ', 'ученик', 'student', 'pupil'],
    },
  ],
  [
    'name',
    {
      exact: ['название школы', 'название', 'наименование', 'наименование оо', 'оо', 'образовательная организация', 'школа', 'school name', 'school', 'name'],
      stems: ['наименован', 'название'],
    },
  ],
  ['code', { exact: ['код школы', 'код', 'код оо', 'код организации', 'код образовательной организации', 'school code', 'code', 'school id'], stems: [] }],
];

const COUNTING_PREFIX = /^(?:ожидаемое количество|ожидаемое число|количество|кол во|число|expected number of|number of|expected) /;

/** Lower case, ё→е, punctuation and remarks in brackets dropped, single spaces. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(COUNTING_PREFIX, '');
}

export function matchHeader(text: string): RosterColumn | null {
  const header = normaliseHeader(text);
  if (!header) return null;
  for (const [column, rule] of RULES) if (rule.exact.includes(header)) return column;
  // «Код региона» names another identifier, not the school's code nor the region.
  if (/^(?:код|code) /.test(header)) return null;
  const words = header.split(' ');
  for (const [column, rule] of RULES) if (rule.stems.some((stem) => words.some((word) => word.startsWith(stem)))) return column;
  return null;
}

/** How two spellings of one region or municipality are recognised as the same: case, spaces and ё do not count. */
export function nameKey(name: string): string {
  return cleanText(name).toLowerCase().replaceAll('ё', 'е');
}

/** A cell as people meant it: no surrounding or doubled spaces, non-breaking spaces as spaces. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
