import { plural } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import type { RosterIssue, RosterSampleRow, RosterWarning } from './api';

const roles = sharedStrings.roles;
const quoted = (value: string | undefined) => `«${value ?? ''}»`;

export const rosterStrings = {
  title: 'Список школ',
  lead:
    'Загрузите список школ из Excel: по нему считаются ожидаемые респонденты и охват 90%. Повторная загрузка обновляет школы ' +
    'по коду; школы, которых нет в файле, остаются как были.',
  upload: {
    heading: 'Файл со списком',
    hint: 'CSV или XLSX до 5 МБ, первая строка таблицы — заголовки. Нужные столбцы:',
    columns: ['Регион', 'Муниципалитет', 'Код школы', 'Название школы', 'Директор (0 или 1)', 'Учителя', 'Обучающиеся 5–11 классов', 'Родители'],
  },
  preview: {
    heading: 'Проверка файла',
    rows: 'Строк со школами',
    schoolsNew: 'Новых школ',
    schoolsUpdated: 'Изменится',
    schoolsUnchanged: 'Без изменений',
    municipalitiesNew: 'Новых муниципалитетов',
    noErrors: 'Ошибок нет. Проверьте цифры и примените список.',
    errorsFound: (n: number) =>
      `${n} ${plural(n, 'ошибка', 'ошибки', 'ошибок')} в файле. Исправьте их в Excel и загрузите файл снова: пока в файле есть ошибки, из него ничего не применяется.`,
    moreErrors: (shown: number, total: number) => `Показаны первые ${shown} из ${total}.`,
    line: 'Строка',
    column: 'Столбец',
    problem: 'Что не так',
    wholeFile: 'весь файл',
    ignored: (names: string[]) => `Не распознаны и не загружаются столбцы: ${names.map(quoted).join(', ')}.`,
    sampleHeading: (n: number, total: number) => (n < total ? `Первые ${n} строк из ${total}` : 'Строки файла'),
    apply: 'Применить',
    applying: 'Применяем…',
    applyHint: 'Все изменения применяются одной операцией и записываются в журнал.',
    blockedHint: 'Кнопка станет доступна, когда в файле не останется ошибок.',
    confirmHint: 'Кнопка станет доступна, когда вы отметите, что проверили предупреждения.',
  },
  /** New schools that look like schools already in the system: the administrator confirms before applying. */
  warnings: {
    found: (n: number) =>
      `${n} ${plural(n, 'предупреждение', 'предупреждения', 'предупреждений')}: новые школы похожи на уже загруженные. ` +
      'Если это те же школы, исправьте коды в файле (например, верните потерянные нули) и загрузите его снова, иначе у школы появится двойник, а её ответы разделятся.',
    more: (shown: number, total: number) => `Показаны первые ${shown} из ${total}.`,
    confirm: 'Я проверил(а): это действительно новые школы, загрузить их',
  },
  warningTexts: {
    code_leading_zeros: (w) =>
      `Код ${quoted(w.value)} отличается от кода ${quoted(w.existingCode)} уже загруженной школы ${w.existingName} только нулями в начале: похоже, таблица прочитала коды как числа.`,
    name_in_municipality: (w) =>
      `В этом муниципалитете уже есть школа ${w.existingName} с кодом ${quoted(w.existingCode)}. Если это она же, укажите в файле её прежний код.`,
  } satisfies Record<RosterWarning['code'], (warning: RosterWarning) => string>,
  sample: {
    region: 'Регион',
    municipality: 'Муниципалитет',
    code: 'Код',
    name: 'Название',
    principal: 'Дир.',
    teachers: 'Учит.',
    students: 'Обуч.',
    parents: 'Род.',
    status: 'Итог',
    titles: { principal: roles.principal, teachers: roles.teacher, students: roles.student, parents: roles.parent },
    statuses: { new: 'Новая', updated: 'Изменится', unchanged: 'Без изменений', error: 'Ошибка' } satisfies Record<RosterSampleRow['status'], string>,
    changed: 'Изменится при загрузке',
  },
  applied: (s: { schoolsNew: number; schoolsUpdated: number; schoolsUnchanged: number; municipalitiesNew: number }) =>
    `Список применён: новых школ — ${s.schoolsNew}, обновлено — ${s.schoolsUpdated}, без изменений — ${s.schoolsUnchanged}` +
    (s.municipalitiesNew ? `, новых муниципалитетов — ${s.municipalitiesNew}.` : '.'),
  regions: {
    heading: 'Регионы',
    hint: 'Школы загружаются только в регионы, которые уже есть здесь: так опечатка в названии региона не создаст новый регион. Муниципалитеты создаются из файла сами.',
    name: 'Регион',
    municipalities: 'Муниц.',
    schools: 'Школ',
    empty: 'Регионов пока нет. Добавьте первый.',
    add: 'Добавить регион',
    newName: 'Название нового региона',
    placeholder: 'Например, Тверская область',
    added: (name: string) => `Регион «${name}» добавлен.`,
    timeZone: 'Часовой пояс',
    timeZoneOf: (name: string) => `Часовой пояс региона «${name}»`,
    zoneChanged: (name: string) =>
      `Часовой пояс региона «${name}» изменён. Даты волн теперь показываются по нему; уже назначенные моменты открытия и закрытия не сдвинулись.`,
  },
  /** Server error codes of this screen's requests; others fall back to the app's common texts. */
  errors: {
    roster_invalid: 'В файле есть ошибки, поэтому ничего не применено. Список ошибок ниже.',
    roster_needs_confirmation: 'Новые школы похожи на уже загруженные, поэтому ничего не применено. Проверьте предупреждения ниже.',
    body_too_large: 'Файл больше 5 МБ. Уберите из него лишние листы и оформление или сохраните как CSV.',
    region_exists: 'Такой регион уже есть.',
    region_name_empty: 'Введите название региона.',
  } as Record<string, string>,
  /** Each problem of a file or row, in Russian, from its stable code. */
  issues: {
    empty_file: () => 'Файл пустой.',
    no_rows: () => 'Есть строка заголовков, но нет ни одной школы.',
    unreadable_file: () => 'Файл не читается как таблица. Сохраните его из Excel как «Книга Excel (.xlsx)» или «CSV (разделители — точки с запятой)».',
    unsupported_format: () => 'Старый формат Excel (.xls) не поддерживается. Сохраните файл как «Книга Excel (.xlsx)».',
    missing_column: (i) => `Нет столбца ${quoted(i.column ?? '')}. Проверьте строку заголовков.`,
    duplicate_column: (i) => `Столбец ${quoted(i.column ?? '')} повторяет другой столбец с тем же смыслом; оставьте один.`,
    empty_region: () => 'Не указан регион.',
    empty_municipality: () => 'Не указан муниципалитет.',
    empty_code: () => 'Не указан код школы.',
    empty_name: () => 'Не указано название школы.',
    too_long: () => 'Слишком длинный текст: сократите его.',
    count_empty: () => 'Пустая ячейка. Укажите число; 0 — если таких участников нет.',
    count_not_number: (i) => `${quoted(i.value)} — не число.`,
    count_not_integer: (i) => `${quoted(i.value)} — нужно целое число.`,
    count_negative: (i) => `${quoted(i.value)} — число не может быть отрицательным.`,
    count_too_large: (i) => `${quoted(i.value)} — слишком большое число; проверьте, тот ли это столбец.`,
    principal_not_0_1: (i) => `${quoted(i.value)} — для директора укажите 1 (или 0, если должность вакантна).`,
    duplicate_code: (i) => `Код ${quoted(i.value)} уже есть в строке ${i.firstLine}. У каждой школы свой код.`,
    region_out_of_scope: (i) => `Регион ${quoted(i.value)} вне территории, для которой выдан доступ.`,
    unknown_region: (i) => `Региона ${quoted(i.value)} нет в системе. Проверьте написание или добавьте регион в разделе «Регионы».`,
    code_in_other_region: (i) => `Школа с кодом ${quoted(i.value)} уже числится в другом регионе (${quoted(i.existingRegion)}).`,
  } satisfies Record<RosterIssue['code'], (issue: RosterIssue) => string>,
};
