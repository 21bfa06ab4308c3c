import type { Level } from '../../../../server/shared/vocabulary';
import { plural } from '../../shared/format';
import type { Measure, Procedure } from './api';

const schools = (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')}`;
const ofSchools = (n: number) => `${n} ${plural(n, 'школы', 'школ', 'школ')}`;

export const contextStrings = {
  title: 'Факторы риска и результаты',
  intro:
    'Каждая точка — школа: по горизонтали её результат оценочной процедуры, по вертикали балл выбранного фактора риска в волне анкетирования. Цвет — уровень риска.',
  loading: 'Загружаем…',
  noWaves: 'Волн анкетирования пока нет. Их создаёт администратор.',
  noResults: 'Результатов оценочных процедур для школ вашей территории пока нет. Их загружает администратор.',
  wave: 'Волна',
  factor: 'Фактор риска',
  result: 'Результат',
  year: 'Год',
  measure: 'Показатель',
  municipality: 'Муниципалитет',
  allMunicipalities: 'Все муниципалитеты',
  procedures: { vpr: 'ВПР', oge: 'ОГЭ', ege: 'ЕГЭ' } satisfies Record<Procedure, string>,
  resultName: (procedure: string, subject: string, grade: number) => `${procedure} · ${subject} · ${grade} класс`,
  measures: { mean: 'средний балл', share2: 'доля «2»' } satisfies Record<Measure, string>,
  axis: {
    mean: 'Средний балл',
    share2: 'Доля отметок «2», %',
    score: (factor: string) => `${factor}: балл риска (0–100)`,
  },
  withheld: (wave: string, day: string) => `Баллы факторов волны «${wave}» появятся после её закрытия ${day}. Выберите закрытую волну.`,
  levels: { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' } satisfies Record<Level, string>,
  legend: 'Уровни риска',

  summary: {
    plotted: (n: number) => `На диаграмме ${schools(n)}`,
    r: (r: string) => `r = ${r}`,
    rHint: 'коэффициент корреляции Пирсона между результатом и баллом фактора',
    rTooFew: (min: number) => `r не считается: нужно не меньше ${ofSchools(min)}`,
    rConstant: 'r не считается: у всех школ одинаковый результат или балл',
    year: (year: number) => `результаты ${year} года`,
    noYear: 'нет результатов за год волны или раньше — выберите год',
    notPlottedTotal: (n: number, total: number) => `Не на диаграмме ${n} из ${total}`,
    noScore: (n: number) => `нет балла фактора (недостаточно ответов) — ${n}`,
    nothing: 'Ни у одной школы нет одновременно балла фактора и этого результата: рисовать нечего.',
    noResult: (n: number) => `нет этого результата — ${n}`,
  },

  chart: (factor: string, result: string) => `Диаграмма рассеяния: ${factor} и ${result}`,
  point: (school: string, score: number, value: string) => `${school}: балл ${score}, результат ${value}`,

  table: {
    title: 'Школы',
    school: 'Школа',
    score: 'Балл фактора',
    value: { mean: 'Средний балл', share2: 'Доля «2», %' } satisfies Record<Measure, string>,
    level: 'Уровень',
    sortBy: (column: string) => `Сортировать: ${column}`,
    none: '—',
    empty: 'Нет школ в выбранном муниципалитете.',
  },

  errors: {
    wave_not_found: 'Волна не найдена.',
    unknown_factor: 'В модели этой волны нет такого фактора. Выберите другой.',
  } as Record<string, string>,
};
