import { number, plural } from '../../shared/format';
import type { ContextIssue, ContextKind, ContextSampleRow } from './api';

const quoted = (value: string | undefined) => `«${value ?? ''}»`;

export const contextStrings = {
  title: 'Контекст школ',
  lead:
    'Загрузите то, что ещё известно о школах по годам: индекс социального благополучия (ИСБШ), городская или сельская школа, ' +
    'число обучающихся, результаты ВПР, ОГЭ и ЕГЭ. Год — календарный год, к которому относятся цифры: результаты весны 2026 года — это 2026. ' +
    'Строка файла заменяет сохранённую строку той же школы и года (для результатов — той же процедуры, предмета и класса).',
  kinds: {
    indicators: 'Показатели школ',
    results: 'Результаты оценочных процедур',
  } satisfies Record<ContextKind, string>,
  kindGroup: 'Что загружаем',
  upload: {
    heading: (kind: ContextKind) => `Файл: ${contextStrings.kinds[kind].toLowerCase()}`,
    hint: 'CSV (UTF-8 или Windows-1251) или XLSX до 10 МБ, первая строка таблицы — заголовки. Пустая ячейка — цифра неизвестна. Столбцы:',
    columns: {
      indicators: ['Код школы', 'Год', 'ИСБШ', 'Городская/сельская', 'Число обучающихся'],
      results: ['Код школы', 'Год', 'Процедура (ВПР, ОГЭ, ЕГЭ)', 'Предмет', 'Класс', 'Участников', 'Средний балл', 'Доли «2», «3», «4», «5», %'],
    } satisfies Record<ContextKind, string[]>,
  },
  preview: {
    heading: 'Проверка файла',
    rows: 'Строк',
    schools: 'Школ',
    added: 'Добавится',
    changed: 'Заменится',
    unchanged: 'Без изменений',
    years: (years: number[]) => (years.length ? `Годы: ${years.join(', ')}.` : ''),
    noErrors: 'Ошибок нет. Проверьте, что добавится и что заменится, и примените файл.',
    errorsFound: (n: number) =>
      `${n} ${plural(n, 'ошибка', 'ошибки', 'ошибок')} в файле. Исправьте их и загрузите файл снова: пока в файле есть ошибки, из него ничего не применяется.`,
    moreErrors: (shown: number, total: number) => `Показаны первые ${shown} из ${total}.`,
    line: 'Строка',
    column: 'Столбец',
    problem: 'Что не так',
    wholeFile: 'весь файл',
    ignored: (names: string[]) => `Не распознаны и не загружаются столбцы: ${names.map(quoted).join(', ')}.`,
    sampleHeading: (n: number, total: number) => (n < total ? `Первые ${n} строк из ${total}` : 'Строки файла'),
    school: 'Школа',
    status: 'Итог',
    was: (value: string | number | null) => `было: ${value === null ? 'пусто' : typeof value === 'number' ? number(value) : value}`,
    statuses: { new: 'Добавится', changed: 'Заменится', unchanged: 'Без изменений', error: 'Ошибка' } satisfies Record<ContextSampleRow['status'], string>,
    apply: 'Применить',
    applying: 'Применяем…',
    applyHint: 'Все строки применяются одной операцией и записываются в журнал.',
    blockedHint: 'Кнопка станет доступна, когда в файле не останется ошибок.',
  },
  /** Short headers of the preview table, by column key. */
  sampleColumns: {
    code: 'Код',
    year: 'Год',
    socialIndex: 'ИСБШ',
    settlement: 'Местность',
    students: 'Обуч.',
    procedure: 'Процедура',
    subject: 'Предмет',
    grade: 'Класс',
    participants: 'Уч.',
    meanScore: 'Ср. балл',
    share2: '«2», %',
    share3: '«3», %',
    share4: '«4», %',
    share5: '«5», %',
  } as Record<string, string>,
  applied: (s: { added: number; changed: number; unchanged: number }) =>
    `Файл применён: добавлено строк — ${s.added}, заменено — ${s.changed}, без изменений — ${s.unchanged}.`,
  /** Server error codes of this screen's requests; others fall back to the app's common texts. */
  errors: {
    context_invalid: 'В файле есть ошибки, поэтому ничего не применено. Список ошибок ниже.',
    body_too_large: 'Файл больше 10 МБ. Уберите из него лишние листы и оформление или сохраните как CSV.',
  } as Record<string, string>,
  /** Each problem of a file or row, in Russian, from its stable code. */
  issues: {
    empty_file: () => 'Файл пустой.',
    no_rows: () => 'Есть строка заголовков, но нет ни одной строки с данными.',
    unreadable_file: () => 'Файл не читается как таблица. Сохраните его из Excel как «Книга Excel (.xlsx)» или «CSV (разделители — точки с запятой)».',
    unsupported_format: () => 'Старый формат Excel (.xls) не поддерживается. Сохраните файл как «Книга Excel (.xlsx)».',
    missing_column: (i) => `Нет столбца ${quoted(i.column ?? '')}. Проверьте строку заголовков или скачайте шаблон.`,
    duplicate_column: (i) => `Столбец ${quoted(i.column ?? '')} повторяет другой столбец с тем же смыслом; оставьте один.`,
    empty_code: () => 'Не указан код школы.',
    unknown_school: (i) => `Школы с кодом ${quoted(i.value)} нет в списке школ. Проверьте код или сначала загрузите список школ.`,
    school_out_of_scope: (i) => `Школа ${quoted(i.value)} — не из вашего региона.`,
    empty_year: () => 'Не указан год.',
    year_invalid: (i) => `${quoted(i.value)} — не год. Укажите календарный год, например 2026.`,
    not_number: (i) => `${quoted(i.value)} — не число.`,
    not_integer: (i) => `${quoted(i.value)} — нужно целое число.`,
    negative: (i) => `${quoted(i.value)} — число не может быть отрицательным.`,
    too_large: (i) => `${quoted(i.value)} — слишком большое число: доля — это процент от 0 до 100, средний балл — не больше 100.`,
    settlement_invalid: (i) => `${quoted(i.value)} — укажите «городская» или «сельская».`,
    empty_procedure: () => 'Не указана процедура: ВПР, ОГЭ или ЕГЭ.',
    procedure_invalid: (i) => `${quoted(i.value)} — укажите ВПР, ОГЭ или ЕГЭ.`,
    empty_subject: () => 'Не указан предмет.',
    too_long: () => 'Слишком длинный текст: сократите его.',
    empty_grade: () => 'Не указан класс.',
    grade_invalid: (i) => `${quoted(i.value)} — укажите класс от 1 до 11.`,
    grade_procedure_mismatch: (i) => `Класс ${quoted(i.value)} не подходит процедуре: ОГЭ пишут в 9 классе, ЕГЭ — в 11, ВПР — с 4 по 11.`,
    shares_sum: () =>
      'Доли отметок в сумме дают не 100% (допускается отклонение на 1 из-за округления). Если в Excel у долей процентный формат, уберите его: нужны числа от 0 до 100.',
    no_values: () => 'В строке нет ни одной цифры: заполните хотя бы один столбец кроме кода и года.',
    duplicate_key: (i) =>
      `Эта школа и этот год уже есть в строке ${i.firstLine} (для результатов — с той же процедурой, предметом и классом). Оставьте одну строку.`,
  } satisfies Record<ContextIssue['code'], (issue: ContextIssue) => string>,
};
