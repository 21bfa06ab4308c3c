import { number, percent } from '../../shared/format';
import type { ResultSeries } from './api';

const PROCEDURES: Record<ResultSeries['procedure'], string> = { vpr: 'ВПР', oge: 'ОГЭ', ege: 'ЕГЭ' };

export const contextStrings = {
  title: 'Контекст школы',
  intro:
    'Что ещё известно о школе по годам: индекс социального благополучия (ИСБШ), местность, число обучающихся и результаты оценочных процедур. ' +
    'Год — календарный год, к которому относятся цифры; стрелка — изменение к предыдущему году, за который есть данные.',
  loading: 'Загружаем контекст…',
  empty: 'Данные о контексте школы пока не загружены: их загружает региональный координатор или администратор.',
  year: (year: number) => `${year} год`,
  socialIndex: 'ИСБШ',
  settlement: 'Местность',
  settlements: { urban: 'городская', rural: 'сельская' },
  students: 'Обучающихся',
  unknown: '—',
  from: (year: number) => `к ${year}`,
  results: 'Результаты оценочных процедур',
  noResults: 'Результаты оценочных процедур не загружены.',
  assessment: 'Процедура, предмет, класс',
  meanScore: 'Средний балл',
  share2: 'Доля «2»',
  participants: 'Участников',
  series: (r: Pick<ResultSeries, 'procedure' | 'subject' | 'grade'>) => `${PROCEDURES[r.procedure]} · ${r.subject} · ${r.grade}\u00a0кл.`,
  /** ↑/↓ and the amount, with a real minus sign; «=» for no change. */
  change: (x: number, unit = '') => (x > 0 ? `↑ ${number(x)}${unit}` : x < 0 ? `↓ ${number(-x)}${unit}` : '='),
  changeLabel: (x: number, year: number) =>
    x > 0 ? `выше, чем в ${year}, на ${number(x)}` : x < 0 ? `ниже, чем в ${year}, на ${number(-x)}` : `как в ${year}`,
  /** A share of marks, given in percents (12.34): written as every other percent, «12,3%». */
  percent: (x: number) => percent(x / 100),
  errors: {} as Record<string, string>,
};
