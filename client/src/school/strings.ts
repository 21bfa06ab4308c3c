import type { Level } from '../../../server/shared/vocabulary';
import { plural } from '../shared/format';

export const schoolStrings = {
  title: 'Риск-профиль школы',
  noSchool: 'Откройте школу из раздела «Риск-профили региона»: у этой учётной записи нет своей школы.',
  backToRegion: '← Риск-профили региона',
  backToCurator: '← Мои школы',
  visits: 'Визиты куратора',
  wave: 'Волна анкетирования',
  noWaves: 'В регионе пока нет волн анкетирования.',
  waveStatus: { planned: 'ещё не началась', open: 'идёт сейчас', closed: 'завершена' } as Record<string, string>,
  model: 'Модель',
  print: 'Отчёт для печати',
  loading: 'Загрузка…',

  /** Figures of a wave that is still open wait for its close (docs/methodology.md §6 rule 2); `day` is its last day. */
  withheld: {
    profile: (day: string) => `Профиль появится после закрытия волны ${day}.`,
    why: 'Пока волна идёт, видно только, сколько человек ответили: если бы результаты менялись с каждым ответом, по их разнице можно было бы узнать ответ конкретного человека.',
    dynamics: (wave: string, day: string) => `Сравнение с волной «${wave}» появится после её закрытия ${day}.`,
  },

  levels: { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' } satisfies Record<Level, string>,
  levelsCapital: { low: 'Низкий', medium: 'Средний', high: 'Высокий', insufficient: 'Недостаточно данных' } satisfies Record<Level, string>,

  participation: {
    title: 'Участие в анкетировании',
    intro: (target: string) => `Цель — не меньше ${target} ожидаемых участников каждой группы.`,
    of: (responses: number, expected: number) => `${responses} из ${expected}`,
    nobodyExpected: 'не ожидаются',
    missing: (n: number) => `не хватает ${n} ${plural(n, 'участника', 'участников', 'участников')}`,
    atTarget: 'цель достигнута',
    overExpected: 'ответов больше, чем ожидалось — проверьте численность в реестре',
    notReportable: 'пока мало ответов: в профиле не учитываются',
    schoolAtTarget: 'Школа достигла цели по всем группам.',
    schoolShort: (n: number) => `До цели не хватает ${n} ${plural(n, 'участника', 'участников', 'участников')}.`,
    /** Beside a role's figures: its refusals, which the figures are measured without. */
    refused: (n: number) => `отказались: ${n}`,
    refusalsNote: 'Доля считается от ожидаемых участников за вычетом отказавшихся.',
  },

  /** Recording refusals (docs/methodology.md §3): a count per group, checked by the coordinator. */
  refusals: {
    title: 'Отказы от участия',
    intro:
      'Укажите, сколько человек каждой группы письменно или устно отказались от анкетирования. Отказавшиеся не считаются недостающими, ' +
      'но число отказов видят координаторы рядом с долей ответивших, и каждое изменение записывается в журнал.',
    role: 'Группа',
    count: 'Отказались, человек',
    save: 'Сохранить',
    saving: 'Сохраняем…',
    saved: (n: number) => `Сохранено: отказались ${n}.`,
    closed: 'Отказы можно записывать, пока волна идёт, и ещё 7 дней после её закрытия.',
    errors: {
      refused_above_max: 'Отказавшихся не может быть больше, чем ожидаемых участников, которые ещё не ответили.',
      refused_negative: 'Число отказов не может быть отрицательным.',
      refusals_closed: 'Срок записи отказов для этой волны прошёл.',
      school_not_in_wave_roster: 'Школа не входит в список этой волны.',
      out_of_scope: 'Отказы записывают команда школы и координаторы своей территории.',
    } as Record<string, string>,
    max: (n: number) => `Не больше ${n}.`,
  },

  notice: 'Уведомление родителям',

  profile: {
    title: 'Риск-профиль',
    intro: 'Десять факторов риска. Балл от 0 до 100: чем больше, тем выше риск. Нажмите на фактор, чтобы увидеть, из чего он сложился.',
    chart: 'График',
    table: 'Таблица',
    chartLabel: (wave: string) => `Риск-профиль школы, волна «${wave}»: балл риска по каждому из десяти факторов`,
    factor: 'Фактор',
    score: 'Балл',
    level: 'Уровень',
    coverage: 'Полнота данных',
    why: 'Почему?',
    priority: 'приоритет',
    scoreOf: (score: number) => `${score} из 100`,
    noScore: '—',
    interval: (low: number, high: number) => `(${low}–${high})`,
    intervalHint:
      'С вероятностью 80% балл школы лежит в этих пределах: ответили не все, и другие участники могли ответить иначе. Чем больше ответивших из ожидаемых, тем уже интервал.',
    borderline: 'пограничный',
    borderlineHint: 'Интервал балла пересекает порог уровня: уровень определён по самому баллу, но при других ответивших он мог бы оказаться соседним.',
    uncertaintyNote: 'В скобках — пределы, в которых балл лежит с вероятностью 80%. «Пограничный» — эти пределы пересекают порог уровня.',
    axis: 'Балл риска (0–100)',
    openExplanation: 'Объяснение фактора:',
    legend: 'Уровни риска',
    counts: (high: number, medium: number, insufficient: number) =>
      `Высокий риск: ${high} ${plural(high, 'фактор', 'фактора', 'факторов')}, средний: ${medium}` + (insufficient ? `, без оценки: ${insufficient}` : ''),
  },

  priorities: {
    title: 'Приоритетные риски',
    intro: 'Факторы, над которыми школа работает в антирисковых программах. Не больше трёх.',
    none: 'Приоритеты ещё не выбраны.',
    edit: 'Выбрать приоритеты',
    save: 'Сохранить',
    cancel: 'Отмена',
    saved: 'Приоритеты сохранены.',
    limit: 'Можно выбрать не больше трёх факторов.',
    readOnly: 'Приоритеты выбирает команда школы.',
    chosenAt: (date: string) => `Выбраны ${date}`,
  },

  explanation: {
    close: 'Закрыть',
    title: 'Из чего сложился фактор',
    loading: 'Загружаем объяснение…',
    sentence: (level: string, score: number) => `Уровень риска — ${level}: ${score} из 100.`,
    thresholds: (medium: number, high: number) => `Средний уровень — от ${medium}, высокий — от ${high}.`,
    because: 'Больше всего баллов дают:',
    keyLine: (risk: number, part: number, score: number) => `риск ${risk} из 100, это ${part} из ${score} баллов фактора.`,
    allLow: 'Ни один показатель не даёт заметного риска.',
    someMissing: (n: number) => `По ${n} ${plural(n, 'показателю', 'показателям', 'показателям')} данных нет — балл посчитан по остальным.`,
    insufficient: (coverage: string) =>
      `Данных мало: показатели есть лишь на ${coverage} веса фактора, а для оценки нужно не меньше 50%. Ниже сказано, почему показателей не хватает.`,
    indicators: 'Показатели фактора',
    indicatorsHint: 'Сначала — показатели, которые дают больше всего баллов. Вклад показателя = вес × риск / сумма весов показателей с данными.',
    /** A count below the minimum group comes as null: it would tell how many chose «Затрудняюсь ответить». */
    answered: (n: number | null, min: number) => (n === null ? `ответов: менее ${min}` : `ответов: ${n}`),
    keyBadge: 'главная причина',
    keyBadgeMild: 'больше всего баллов',
    value: 'Значение',
    risk: 'Риск',
    weight: 'Вес',
    contribution: 'Вклад в балл',
    points: (p: number) => `${p} ${plural(p, 'балл', 'балла', 'баллов')}`,
    shareValue: (pct: string) => `${pct} ответивших`,
    or: ' или ',
    methodShare: (answers: string) => `Доля ответивших ${answers}.`,
    methodMean: 'Среднее по ответам.',
    methodPrincipalNumber: 'Число из анкеты директора.',
    methodRatio: (numerator: string, denominator: string) => `Отношение: «${numerator}» к «${denominator}».`,
    methodChoice: (risks: string) => `Риск каждого ответа (из 100): ${risks}.`,
    rateTitle: (role: string) => `Участие ${role} в анкетировании`,
    rateValue: (responses: number, expected: number, pct: string) => `${responses} из ${expected} (${pct})`,
    methodRate: (role: string) => `Доля ${role}, ответивших на анкету, от ожидаемых по списку школы. Считается число ответов, не их содержание.`,
    scale: (best: string, worst: string) => `Риск 0 при значении ${best}, 100 — при ${worst}.`,
    missing: {
      'role-not-reportable': (role: string, responses: number, expected: number, minRate: string) =>
        `Нет данных: ответов ${role} пока мало — ${responses} из ${expected}, а учитываются от ${minRate} ожидаемых.`,
      'no-answers': 'Нет данных: на этот вопрос никто не ответил (ответ «Затрудняюсь ответить» не считается).',
      'too-few-answers': (min: number) =>
        `Нет данных: на этот вопрос ответили меньше ${min} человек, а по меньшей группе показатель не считается, чтобы нельзя было узнать ответ конкретного человека.`,
      'no-roster': (role: string) => `Нет данных: в списке школы не указано, сколько ${role} ожидается, поэтому долю ответивших не посчитать.`,
    },
    distribution: 'Как ответили',
    distributionOf: (n: number) => `${n} ${plural(n, 'ответ', 'ответа', 'ответов')}`,
    dontKnow: (n: number) => `«Затрудняюсь ответить»: ${n}`,
    suppressed: (n: number | null, min: number) =>
      `Распределение ответов скрыто: ответов ${n === null ? `меньше ${min}` : n}, а показываем от ${min}, чтобы нельзя было узнать ответ конкретного человека.`,
    riskyAnswer: 'этот ответ повышает риск',
    principalAnswer: 'Ответ директора:',
    principalHint: 'Анкета директора не анонимна: её ответы видят команда школы и координаторы.',
    principalMany: (n: number) => `Ответов директора: ${n} — ссылкой воспользовались несколько раз.`,
    noAnswer: 'нет ответа',
  },

  dynamics: {
    title: 'Динамика',
    intro:
      'Сравнение с более ранней волной. Положительная динамика — хотя бы один фактор снизился на уровень или больше и ни один не вырос на уровень. Изменение уровня учитывается, только если балл изменился больше, чем на погрешность.',
    compareWith: 'Сравнить с волной',
    noEarlier: 'Более ранних волн нет: сравнивать пока не с чем.',
    choose: '— не сравнивать —',
    factor: 'Фактор',
    earlier: 'Было',
    later: 'Стало',
    delta: 'Изменение балла',
    levelColumn: 'Уровень',
    positive: 'Положительная динамика есть.',
    notPositive: 'Положительной динамики пока нет.',
    levelDown: (n: number) => `снизился на ${n} ${plural(n, 'уровень', 'уровня', 'уровней')}`,
    levelUp: (n: number) => `вырос на ${n} ${plural(n, 'уровень', 'уровня', 'уровней')}`,
    levelSame: 'не изменился',
    notComparable: 'не сравнить',
    withinNoise: 'в пределах погрешности',
    withinNoiseHint: (noise: number) =>
      `Балл изменился меньше, чем на погрешность (±${noise}): при других ответивших изменения могло и не быть. Такое изменение уровня не учитывается.`,
    noise: (noise: number) => `±${noise}`,
    otherModel: (earlier: string, later: string) =>
      `Волны посчитаны по разным моделям: «${earlier}» и «${later}». Сравниваются только факторы, которые обе модели измеряют одинаково; остальные отмечены «другая модель» и в положительной динамике не учитываются.`,
    otherModelFactor: 'не сравнить: другая модель',
    otherModelHint: 'В моделях двух волн этот фактор измеряется по-разному (другие показатели, веса или пороги), поэтому баллы не сравниваются.',
    direction: { down: 'риск снизился', up: 'риск вырос', same: 'без изменений' } as Record<string, string>,
    priorityMark: 'приоритет школы',
    priorityHint: (wave: string) => `★ — приоритетные риски, выбранные школой после волны «${wave}».`,
    summary: (down: number, up: number) => `Снизились на уровень и больше: ${down} ${plural(down, 'фактор', 'фактора', 'факторов')}; выросли: ${up}.`,
    summaryNoise: (n: number) =>
      ` Ещё ${n} ${plural(n, 'изменение', 'изменения', 'изменений')} уровня в пределах погрешности не ${plural(n, 'учитывается', 'учитываются', 'учитываются')}.`,
  },

  report: {
    title: 'Отчёт о риск-профиле школы',
    printNow: 'Печать',
    back: '← К профилю',
    school: 'Школа',
    municipality: 'Муниципалитет',
    code: 'Код',
    wave: 'Волна',
    period: 'Сроки',
    model: 'Модель',
    date: 'Дата отчёта',
    participation: 'Участие',
    profile: 'Риск-профиль',
    explanations: 'Объяснения факторов',
    priorities: 'Приоритетные риски',
    /** Printed at the foot of every page; `counter(page)` and `counter(pages)` are filled in by the browser. */
    pageOf: ['Страница', 'из'] as const,
    footer:
      'Балл 0–100: чем больше, тем выше риск. В скобках — пределы, в которых балл лежит с вероятностью 80%; «пограничный» — они пересекают порог уровня. Распределения ответов показаны только при 5 и более ответах.',
  },

  errors: {
    school_not_found: 'Школа не найдена.',
    wave_not_found: 'Волна не найдена.',
    school_not_in_wave: 'Эта школа не участвует в выбранной волне.',
    factor_not_found: 'Такого фактора нет в модели этой волны.',
    unknown_factor: 'Такого фактора нет в модели этой волны.',
    same_wave: 'Выберите для сравнения другую волну.',
    out_of_scope: 'Это за пределами территории вашей учётной записи.',
    forbidden: 'Приоритеты выбирает команда школы.',
  } as Record<string, string>,
};
