import { plural } from '../../shared/format';

const schools = (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')}`;
/** What one of `bands` equal parts of the region's indices is called: «в той же …», «1-я …». */
const bandIn: Record<number, string> = { 2: 'половине', 3: 'трети', 4: 'четверти' };
const bandName: Record<number, string> = { 2: 'половина', 3: 'треть', 4: 'четверть' };
const settlement = { urban: 'городские', rural: 'сельские' } as const;
const size = { small: 'малые (до 150 обучающихся)', medium: 'средние (151–500 обучающихся)', large: 'крупные (более 500 обучающихся)' } as const;

/** The comparisons of a school with its region and its similar schools, on its page and in its printed report. */
export const comparisonStrings = {
  title: 'Сравнение с другими школами',
  intro:
    'Балл школы рядом с баллами других школ той же волны: медиана и средняя половина школ (от нижней до верхней квартили). Сравнение показывается, только если баллы есть не меньше чем у 5 школ.',
  loading: 'Загрузка сравнения…',
  factor: 'Фактор',
  school: 'Школа',
  region: 'Регион',
  similar: 'Похожие школы',
  noScore: 'нет балла',
  median: (m: number) => `медиана ${m}`,
  middleHalf: (q1: number, q3: number) => `средняя половина ${q1}–${q3}`,
  basedOn: (n: number) => `по ${n} ${plural(n, 'школе', 'школам', 'школам')}`,
  tooFew: (n: number) => `мало школ для сравнения: ${schools(n)} с баллом, нужно не меньше 5`,
  regionSchools: (n: number) => `В волне ${schools(n)} региона.`,
  position: {
    above: 'риск выше, чем у трёх четвертей школ',
    middle: 'в средней половине школ',
    below: 'риск ниже, чем у трёх четвертей школ',
  },
  rule: {
    socialIndex: (band: number, bands: number, from: string | null, to: string | null, year: number, n: number) =>
      bands === 1
        ? `Похожие школы — ${schools(n)} региона с известным индексом социального благополучия (ИСБШ): их слишком мало, чтобы делить по его значению (данные ${year} г.).`
        : `Похожие школы — ${schools(n)} региона, чей индекс социального благополучия (ИСБШ) в той же ${bandIn[bands]}, что у этой школы (${band}-я ${bandName[bands]}: ${
            from === null ? `до ${to}` : to === null ? `более ${from}` : `от ${from} до ${to}`
          }; данные ${year} г.).`,
    sizeSettlement: (s: keyof typeof settlement, z: keyof typeof size, year: number, n: number) =>
      `Похожие школы — ${settlement[s]} ${size[z]}: ${schools(n)} региона (данные ${year} г.). ИСБШ школы не загружен.`,
    none: 'Похожие школы не подобраны: для этой школы не загружены ни ИСБШ, ни тип поселения и численность обучающихся.',
  },
  legend: { school: 'балл школы', band: 'средняя половина школ', median: 'медиана' },
};
