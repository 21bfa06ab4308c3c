import { plural } from '../../shared/format';
import type { MissReason, OverallState, ProgrammeState } from './api';

const schools = (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')}`;
const schoolsGenitive = (n: number) => `${n} ${plural(n, 'школы', 'школ', 'школ')}`;

export const programmesStrings = {
  title: 'Программы школ',
  intro:
    'Антирисковые программы по приоритетам школ: в каком они состоянии, что просрочено, какие замечания ждут ответа, как работают кураторы — и подтверждают ли программы положительную динамику.',
  loading: 'Загружаем программы…',
  noWaves: 'Волн анкетирования пока нет. Их создаёт администратор.',
  wave: 'Волна',
  compareWith: 'Сравнить с волной',
  noCompare: '— не сравнивать —',
  exportOverview: 'Выгрузить программы:',
  exportChange: 'Выгрузить динамику:',
  csv: 'CSV',
  xlsx: 'Excel',

  /** A programme's state in a school's row; null is a priority with no programme yet. */
  states: { draft: 'черновик', submitted: 'на проверке', returned: 'на доработке', approved: 'утверждена' } satisfies Record<ProgrammeState, string>,
  noProgramme: 'нет программы',
  offPriority: 'уже не приоритет',
  /** A school's overall state (docs/methodology.md §11); `none` reads by whether it chose priorities at all. */
  overall: {
    draft: 'есть черновики',
    returned: 'есть на доработке',
    submitted: 'на проверке',
    approved: 'все утверждены',
  } satisfies Record<Exclude<OverallState, 'none'>, string>,
  overallNoPriorities: 'приоритеты не выбраны',
  overallMissing: 'не по всем приоритетам есть программа',

  stats: {
    approved: 'Все программы утверждены',
    approvedOf: (approved: number, total: number) => `у ${approved} из ${schoolsGenitive(total)}`,
    overdue: 'Просрочено мероприятий',
    overdueSchools: (n: number) => (n === 0 ? 'ни в одной школе' : `в ${n} ${plural(n, 'школе', 'школах', 'школах')}`),
    remarks: 'Замечаний без ответа',
    remarksSchools: (n: number) => (n === 0 ? 'все замечания отвечены' : `в ${n} ${plural(n, 'школе', 'школах', 'школах')}`),
    noPriorities: 'Не выбрали приоритеты',
    noPrioritiesOf: (n: number, total: number) => `${n} из ${schoolsGenitive(total)}`,
  },

  schools: {
    title: 'Школы и их программы',
    caption: (today: string) =>
      `Состояние школы — самое раннее из состояний программ по её приоритетам. Просрочено — мероприятие не выполнено, а срок прошёл (на ${today} по времени региона).`,
    municipality: 'Муниципалитет',
    allMunicipalities: 'Все муниципалитеты',
    state: 'Состояние',
    allStates: 'Все состояния',
    /** The filter's name for `none`: no priorities, or a priority without a programme. */
    stateNone: 'программ нет или не хватает',
    school: 'Школа',
    programmes: 'Программы по приоритетам',
    overdue: 'Просрочено',
    remarks: 'Замечания',
    curators: 'Куратор',
    noCurator: 'не назначен',
    count: (shown: number, total: number) => `Показано ${shown} из ${total}`,
    empty: 'Нет школ, подходящих под условия.',
  },

  curators: {
    title: 'Визиты кураторов',
    caption: (since: string) => `Визиты, запланированные с ${since}: сколько проведено и сколько просрочено (день прошёл, а визит не отмечен).`,
    curator: 'Куратор',
    schools: 'Школы',
    planned: 'Запланировано',
    made: 'Проведено',
    overdue: 'Просрочено',
    none: 'Кураторов пока нет: их назначает региональный координатор.',
    noSchools: 'школы не назначены',
  },

  change: {
    title: 'Подтверждённая положительная динамика',
    caption: (earlier: string, later: string) =>
      `«${earlier}» → «${later}». Подтверждённая — это положительная динамика по анкетам у школы, которая выполнила программы по приоритетам волны «${earlier}»: все утверждены, все мероприятия выполнены и к каждому приложено подтверждение.`,
    noCompare: 'Выберите волну для сравнения, чтобы увидеть подтверждённую динамику.',
    noEarlier: 'Раньше этой волны в регионе волн не было: сравнивать не с чем.',
    loading: 'Считаем динамику…',
    surveyOnly: 'По анкетам',
    confirmed: 'Подтверждённая',
    of: (count: number, total: number) => `${count} из ${schoolsGenitive(total)}`,
    target: (target: string) => `цель — не меньше ${target} школ`,
    reached: 'цель достигнута',
    short: (n: number) => `до цели не хватает: ${schools(n)}`,
    missingSurvey: (n: number) => `Нет положительной динамики по анкетам — ${schools(n)}`,
    missingConfirmed: (n: number) => `Динамика не подтверждена — ${schools(n)}`,
    noneMissing: 'Таких школ нет.',
    reasons: {
      not_compared: 'нет данных для сравнения волн',
      no_positive_change: 'нет положительной динамики по анкетам',
      no_priorities: 'не выбраны приоритеты',
      programme_missing: 'не по всем приоритетам есть программа',
      programme_not_approved: 'не все программы утверждены',
      measures_not_done: 'не все мероприятия выполнены',
      evidence_missing: 'не ко всем выполненным мероприятиям приложены подтверждения',
    } satisfies Record<MissReason, string>,
  },

  /** Figures of a wave still open wait for its close (docs/methodology.md §6 rule 2); `day` is its last day. */
  withheld: (wave: string, day: string) => `Динамику по волне «${wave}» можно будет посчитать после её закрытия ${day}. Состояние программ видно уже сейчас.`,

  errors: {
    same_wave: 'Выберите для сравнения другую волну.',
    different_region: 'Волны относятся к разным регионам — сравнивать их нельзя.',
    from_not_earlier: 'Для сравнения выберите волну, которая прошла раньше.',
    wave_not_found: 'Волна не найдена.',
  } as Record<string, string>,
};
