import { normaliseHeader } from '../admin/roster/columns.js';
import type { SheetSpec } from '../admin/roster/sheet-file.js';

/**
 * The two kinds of context file and their columns. Regional offices assemble them from the federal reports by hand,
 * so a header is matched after the roster's normalising (case, ё, punctuation, a remark in brackets, «Число …»).
 */
export const CONTEXT_KINDS = ['indicators', 'results'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export const INDICATOR_COLUMNS = ['code', 'year', 'socialIndex', 'settlement', 'students'] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

export const SHARE_COLUMNS = ['share2', 'share3', 'share4', 'share5'] as const;
export type ShareColumn = (typeof SHARE_COLUMNS)[number];
export const RESULT_COLUMNS = ['code', 'year', 'procedure', 'subject', 'grade', 'participants', 'meanScore', ...SHARE_COLUMNS] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

export type ContextColumn = IndicatorColumn | ResultColumn;

export const INDICATOR_HEADERS: Record<IndicatorColumn, string> = {
  code: 'Код школы',
  year: 'Год',
  socialIndex: 'ИСБШ',
  settlement: 'Городская/сельская',
  students: 'Число обучающихся',
};

export const RESULT_HEADERS: Record<ResultColumn, string> = {
  code: 'Код школы',
  year: 'Год',
  procedure: 'Процедура',
  subject: 'Предмет',
  grade: 'Класс',
  participants: 'Участников',
  meanScore: 'Средний балл',
  share2: 'Доля «2», %',
  share3: 'Доля «3», %',
  share4: 'Доля «4», %',
  share5: 'Доля «5», %',
};

interface HeaderRule<C extends string> {
  column: C;
  /** Whole headers, written as they come out of `normaliseHeader`. */
  exact: string[];
  /** Word beginnings that identify the column when no exact spelling matched. */
  stems: string[];
}

const CODE_RULE: HeaderRule<'code'> = {
  column: 'code',
  exact: ['код школы', 'код', 'код оо', 'код организации', 'код образовательной организации', 'school code', 'code', 'school id'],
  stems: [],
};
const YEAR_RULE: HeaderRule<'year'> = { column: 'year', exact: ['год', 'календарный год', 'year'], stems: ['год', 'year'] };

/** Stems are tried in this order, because headers mention other columns: «Число обучающихся городской школы» is about students. */
const INDICATOR_RULES: Array<HeaderRule<IndicatorColumn>> = [
  {
    column: 'socialIndex',
    exact: ['исбш', 'индекс социального благополучия школы', 'индекс социального благополучия', 'социальный индекс', 'social index'],
    stems: ['исбш', 'индекс', 'social'],
  },
  {
    column: 'students',
    exact: ['обучающихся', 'обучающиеся', 'учащихся', 'учащиеся', 'контингент', 'students'],
    stems: ['обучающ', 'учащ', 'контингент', 'student'],
  },
  {
    column: 'settlement',
    exact: ['городская сельская', 'городская или сельская', 'город село', 'местность', 'тип местности', 'тип поселения', 'settlement', 'urban rural'],
    stems: ['городск', 'сельск', 'местност', 'поселен', 'settlement', 'urban'],
  },
  YEAR_RULE,
  CODE_RULE,
];

const SHARE_WORDS: Record<ShareColumn, string[]> = {
  share2: ['2', 'двоек', 'двойки'],
  share3: ['3', 'троек', 'тройки'],
  share4: ['4', 'четверок', 'четверки'],
  share5: ['5', 'пятерок', 'пятерки'],
};

const RESULT_RULES: Array<HeaderRule<ResultColumn>> = [
  { column: 'participants', exact: ['участников', 'участники', 'participants'], stems: ['участ', 'participant'] },
  {
    column: 'meanScore',
    exact: ['средний балл', 'средний первичный балл', 'средний тестовый балл', 'средняя отметка', 'mean score', 'mean'],
    stems: ['средн', 'балл', 'mean'],
  },
  { column: 'procedure', exact: ['процедура', 'оценочная процедура', 'вид оценки', 'procedure'], stems: ['процедур', 'procedure'] },
  { column: 'subject', exact: ['предмет', 'учебный предмет', 'subject'], stems: ['предмет', 'subject'] },
  { column: 'grade', exact: ['класс', 'параллель', 'grade'], stems: ['класс', 'параллел', 'grade'] },
  YEAR_RULE,
  CODE_RULE,
];

function matcher<C extends string>(rules: Array<HeaderRule<C>>, before: (header: string, words: string[]) => C | null = () => null) {
  return (text: string): C | null => {
    const header = normaliseHeader(text);
    if (!header) return null;
    for (const rule of rules) if (rule.exact.includes(header)) return rule.column;
    const words = header.split(' ');
    const early = before(header, words);
    if (early) return early;
    // «Код региона» names another identifier, not the school's code.
    if (/^(?:код|code) /.test(header)) return null;
    for (const rule of rules) if (rule.stems.some((stem) => words.some((word) => word.startsWith(stem)))) return rule.column;
    return null;
  };
}

/** «Доля «2», %», «Доля отметок "5"», «Доля двоек»: a share is a header that says доля (or %, share) and names a mark. */
function shareColumn(_header: string, words: string[]): ShareColumn | null {
  if (!words.some((w) => w.startsWith('дол') || w === 'share' || w === 'процент')) return null;
  const found = SHARE_COLUMNS.filter((column) => SHARE_WORDS[column].some((word) => words.includes(word)));
  return found.length === 1 ? found[0] : null;
}

export const INDICATOR_SHEET: SheetSpec<IndicatorColumn> = {
  columns: INDICATOR_COLUMNS,
  headers: INDICATOR_HEADERS,
  match: matcher(INDICATOR_RULES),
  rowsNoun: 'schools',
};

export const RESULT_SHEET: SheetSpec<ResultColumn> = {
  columns: RESULT_COLUMNS,
  headers: RESULT_HEADERS,
  match: matcher(RESULT_RULES, shareColumn),
  rowsNoun: 'results',
};
