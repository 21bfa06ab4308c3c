import { plural } from '../../shared/format';

/** The «Все волны» section of the school page. */
export const trendStrings = {
  title: 'Все волны',
  intro:
    'Баллы и уровни факторов школы во всех волнах, в которых она участвовала. Линия прерывается, где балла нет, где результаты волны ещё не опубликованы или где модель стала измерять фактор иначе: такие баллы сравнивать нельзя.',
  chart: 'График',
  table: 'Таблица',
  factor: 'Фактор',
  noWaves: 'Школа пока не участвовала ни в одной волне.',
  axis: 'Балл риска (0–100)',
  chartLabel: (factor: string) => `Балл фактора «${factor}» по волнам`,
  scoreOf: (score: number) => `${score} из 100`,
  withheld: (day: string) => `появится ${day}`,
  withheldNote: (wave: string, day: string) => `Результаты волны «${wave}» появятся после её закрытия ${day}.`,
  absent: 'нет в модели',
  notReleased: 'результаты ещё не опубликованы',
  absentHint: 'В модели этой волны такого фактора нет.',
  otherMeasure: '≠',
  otherMeasureHint: 'Модель этой волны измеряет фактор иначе, чем предыдущая: сравнивать баллы нельзя.',
  broken: (pairs: string[]) =>
    `Фактор измерялся по-разному ${plural(pairs.length, 'в волнах', 'в парах волн', 'в парах волн')} ${pairs.join(', ')}: там линия прервана.`,
  pair: (earlier: string, later: string) => `«${earlier}» и «${later}»`,
  tableNote: '≠ — фактор измерен иначе, чем в предыдущей волне: сравнивать с ней нельзя.',
  model: 'Модель',
  bands: 'Цветные полосы — уровни: низкий, средний, высокий.',
};
