type Level = 'low' | 'medium' | 'high' | 'insufficient';
type Role = 'principal' | 'teacher' | 'student' | 'parent';

const plural = (n: number, one: string, few: string, many: string) => {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
};

export const schoolStrings = {
  title: 'Риск-профиль школы',
  noSchool: 'Откройте школу из раздела «Риск-профили региона»: у этой учётной записи нет своей школы.',
  backToRegion: '← Риск-профили региона',
  wave: 'Волна анкетирования',
  noWaves: 'В регионе пока нет волн анкетирования.',
  waveStatus: { planned: 'ещё не началась', open: 'идёт сейчас', closed: 'завершена' } as Record<string, string>,
  model: 'Модель',
  print: 'Отчёт для печати',
  loading: 'Загрузка…',
  retry: 'Повторить',

  levels: { low: 'низкий', medium: 'средний', high: 'высокий', insufficient: 'недостаточно данных' } satisfies Record<Level, string>,
  levelsCapital: { low: 'Низкий', medium: 'Средний', high: 'Высокий', insufficient: 'Недостаточно данных' } satisfies Record<Level, string>,
  roles: { principal: 'Директор', teacher: 'Учителя', student: 'Обучающиеся 5–11 классов', parent: 'Родители' } satisfies Record<Role, string>,
  rolesGenitive: { principal: 'директора', teacher: 'учителей', student: 'обучающихся', parent: 'родителей' } satisfies Record<Role, string>,

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
  },

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
    insufficient: (coverage: number) =>
      `Данных мало: показатели есть лишь на ${coverage}% веса фактора, а для оценки нужно не меньше 50%. Ниже сказано, почему показателей не хватает.`,
    indicators: 'Показатели фактора',
    indicatorsHint: 'Сначала — показатели, которые дают больше всего баллов. Вклад показателя = вес × риск / сумма весов показателей с данными.',
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
    scale: (best: string, worst: string) => `Риск 0 при значении ${best}, 100 — при ${worst}.`,
    missing: {
      'role-not-reportable': (role: string, responses: number, expected: number, minRate: number) =>
        `Нет данных: ответов ${role} пока мало — ${responses} из ${expected}, а учитываются от ${minRate}% ожидаемых.`,
      'no-answers': 'Нет данных: на этот вопрос никто не ответил (ответ «Затрудняюсь ответить» не считается).',
    },
    distribution: 'Как ответили',
    distributionOf: (n: number) => `${n} ${plural(n, 'ответ', 'ответа', 'ответов')}`,
    dontKnow: (n: number) => `«Затрудняюсь ответить»: ${n}`,
    suppressed: (n: number, min: number) =>
      `Распределение ответов скрыто: ответов ${n}, а показываем от ${min}, чтобы нельзя было узнать ответ конкретного человека.`,
    riskyAnswer: 'этот ответ повышает риск',
    principalAnswer: 'Ответ директора:',
    principalHint: 'Анкета директора не анонимна: её ответы видят команда школы и координаторы.',
    principalMany: (n: number) => `Ответов директора: ${n} — ссылкой воспользовались несколько раз.`,
    noAnswer: 'нет ответа',
  },

  dynamics: {
    title: 'Динамика',
    intro: 'Сравнение с более ранней волной. Положительная динамика — хотя бы один фактор снизился на уровень или больше и ни один не вырос на уровень.',
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
    direction: { down: 'риск снизился', up: 'риск вырос', same: 'без изменений' } as Record<string, string>,
    priorityMark: 'приоритет школы',
    priorityHint: (wave: string) => `★ — приоритетные риски, выбранные школой после волны «${wave}».`,
    summary: (down: number, up: number) =>
      `Снизились на уровень и больше: ${down} ${plural(down, 'фактор', 'фактора', 'факторов')}; выросли: ${up}.`,
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
    footer: 'Балл 0–100: чем больше, тем выше риск. Распределения ответов показаны только при 5 и более ответах.',
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
