import type { Level } from '../../../../server/shared/vocabulary';
import { outOf, plural } from '../../shared/format';

const schools = (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')}`;

export const regionStrings = {
  title: 'Риск-профили школ',
  intro: 'Уровни риска каждой школы по десяти факторам, выбранные школами приоритеты и доля школ с положительной динамикой.',
  loading: 'Загружаем профили…',
  noWaves: 'Волн анкетирования пока нет. Их создаёт администратор.',
  wave: 'Волна',
  compareWith: 'Сравнить с волной',
  noCompare: '— не сравнивать —',
  municipality: 'Муниципалитет',
  allMunicipalities: 'Все муниципалитеты',
  sort: 'Порядок',
  sortByName: 'по муниципалитету и названию',
  sortByRisk: 'сначала больше высоких рисков',
  export: 'Выгрузить профили:',
  csv: 'CSV',
  xlsx: 'Excel',
  /** Figures of a wave that is still open wait for its close (docs/methodology.md §6 rule 2); `day` is its last day. */
  withheld: (wave: string, day: string) =>
    `Профили волны «${wave}» появятся после её закрытия ${day}. Пока волна идёт, видно только участие — в разделе «Участие в анкетировании».`,
  levels: { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' } satisfies Record<Level, string>,
  legend: 'Уровни риска',

  stats: {
    schools: 'Школ',
    schoolsHint: 'на вашей территории',
    schoolsHintIn: (municipality: string) => `в муниципалитете: ${municipality}`,
    positive: 'Положительная динамика',
    positiveOf: (positive: number, total: number) => outOf(positive, total, 'школы', 'школ'),
    target: (target: string) => `цель — не меньше ${target} школ`,
    reached: 'цель достигнута',
    short: (n: number) => `до цели не хватает: ${schools(n)}`,
    noCompare: 'Выберите волну для сравнения, чтобы увидеть динамику.',
    between: (earlier: string, later: string) => `«${earlier}» → «${later}»`,
    topHigh: 'Чаще всего высокий риск',
    topHighValue: (id: string, n: number) => `${id}: ${schools(n)}`,
    noHigh: 'ни у одной школы нет высоких рисков',
    priorities: 'Выбрали приоритеты',
    prioritiesOf: (n: number, total: number) => outOf(n, total, 'школы', 'школ'),
  },

  heatmap: {
    title: 'Школы × факторы',
    caption: 'Цвет — уровень риска, число — балл от 0 до 100. Нажмите на школу, чтобы открыть её профиль.',
    school: 'Школа',
    priorities: 'Приоритеты',
    change: 'Положительная динамика',
    changeYes: 'есть',
    changeNo: 'нет',
    /** Read by screen readers in full: the arrow and the short word alone say nothing out of the header's sight. */
    changeLabel: (school: string, yes: boolean) => `${school}: положительная динамика — ${yes ? 'есть' : 'нет'}`,
    changeLegend:
      '«Положительная динамика: ↓ есть» — риск хотя бы одного фактора снизился на уровень, и ни один не вырос (сверх погрешности); «нет» — таких изменений нет.',
    highRow: 'Высокий риск, школ',
    cell: (school: string, factor: string, level: string, score: number | null) => `${school}. ${factor}: ${level}${score === null ? '' : `, ${score} из 100`}`,
    empty: 'Нет школ в выбранном муниципалитете.',
  },

  factors: {
    title: 'Факторы: сколько школ на каждом уровне',
    factor: 'Фактор',
    high: 'Высокий',
    medium: 'Средний',
    low: 'Низкий',
    insufficient: 'Нет данных',
    prioritised: 'Выбрали приоритетом',
  },

  errors: {
    same_wave: 'Выберите для сравнения другую волну.',
    different_region: 'Волны относятся к разным регионам — сравнивать их нельзя.',
    wave_not_found: 'Волна не найдена.',
  } as Record<string, string>,
};
