import { plural } from '../shared/format';

/** The curator's own area: the schools its region assigned to it. */
export const curatorStrings = {
  eyebrow: 'Куратор',
  title: 'Мои школы',
  intro: 'Школы, которые вам назначил регион: их антирисковые программы по выбранной волне и ваши визиты.',
  wave: 'Волна анкетирования',
  waveStatus: { planned: 'ещё не началась', open: 'идёт сейчас', closed: 'завершена' } as Record<string, string>,
  loading: 'Загрузка…',
  noWaves: 'В регионе пока нет волн анкетирования.',
  noSchools: 'Вам пока не назначены школы. Их назначает региональный координатор.',
  notInWave: (n: number) =>
    `Ещё ${n} ${plural(n, 'назначенная школа', 'назначенные школы', 'назначенных школ')} не ${plural(n, 'участвует', 'участвуют', 'участвуют')} в этой волне.`,
  code: (code: string) => `код ${code}`,
  programmes: 'Программы',
  noPriorities: 'Школа ещё не выбрала приоритетные риски.',
  notCreated: 'программа не создана',
  openProgramme: 'Открыть',
  visits: (planned: number, made: number) => `Визиты: запланировано ${planned}, ${plural(made, 'проведён', 'проведено', 'проведено')} ${made}`,
  nextVisit: (day: string) => `Ближайший визит: ${day}`,
  profile: 'Профиль школы',
  visitsLink: 'Визиты',
  errors: {
    school_not_in_wave: 'Школа не участвует в этой волне.',
  } as Record<string, string>,
};
