/**
 * Every Russian text of the respondent page (/s/:token), in one place so it can be reviewed by an
 * editor and translated later. SurveyJS's own interface strings live in surveyjs-russian-overrides.ts.
 */

// «29 ноября 2026» as a day of the school's region, without the «г.» Intl adds (it would clash with the sentence's
// full stop) and with a no-break space so that the day never ends a line apart from its month.
const formatDate = (at: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone })
    .format(new Date(at))
    .replace(/\s*г\.$/, '')
    .replace(/^(\d+) /, '$1\u00a0');
/** A wave closes at 00:00 after its last day: people name that last day. */
const lastDay = (closesAt: string) => new Date(new Date(closesAt).getTime() - 1);

/** «1 вопрос», «2 вопроса», «5 вопросов», «21 вопрос». */
// The same Intl rule as the staff screens' `plural` (shared/format.ts), written here because the respondent's bundle
// shares no file with theirs (tests/security/bundle.test.ts).
const pluralRules = new Intl.PluralRules('ru-RU');
const questionWord = (n: number) => ({ one: 'вопрос', few: 'вопроса' })[pluralRules.select(n) as 'one' | 'few'] ?? 'вопросов';

export const strings = {
  pageTitle: 'Анкета для школы',
  brand: 'Анкетирование школ',
  loading: 'Загружаем анкету…',
  fallbackIntro: 'Ответы помогут школе получить нужную поддержку. Все вопросы необязательные.',

  sending: 'Отправляем ответы…',
  offlineTitle: 'Нет связи.',
  offline: 'Ответы сохранены на телефоне и будут отправлены, когда связь появится.',
  retryNow: 'Отправить сейчас',

  thanksTitle: 'Спасибо! Ответы отправлены',
  // Without «ваши»/«твои»: students are addressed «ты», the others «вы», and a reloaded page no longer knows whose code it was.
  thanksText: 'Ответы сохранены и помогут школе получить нужную поддержку. Эту страницу можно закрыть.',
  /** A new empty questionnaire on the same device after a completed one (open links only: a code is one answer). */
  answerAgain: {
    parent: {
      button: 'Ответить ещё раз — за другого ребёнка',
      hint: 'Если в этой школе учатся несколько ваших детей, заполните анкету отдельно о каждом. На общем компьютере эта же кнопка откроет пустую анкету для следующего родителя.',
    },
    nextParticipant: {
      button: 'Заполнить анкету ещё раз (для следующего участника)',
      hint: 'Если на этом компьютере анкету заполняют по очереди, нажмите кнопку перед тем, как уступить место: следующий участник начнёт с пустой анкеты. Ваши ответы уже отправлены.',
    },
    /** Students are addressed «ты», as in their questionnaire. */
    nextStudent: {
      button: 'Заполнить анкету ещё раз (для следующего участника)',
      hint: 'Если на этом компьютере анкету заполняют по очереди, нажми кнопку перед тем, как уступить место: следующий ученик начнёт с пустой анкеты. Твои ответы уже отправлены.',
    },
  },

  retryLoad: 'Попробовать ещё раз',

  /** Screens shown instead of the questionnaire. */
  notFound: {
    title: 'Ссылка не найдена',
    text: 'Проверьте, что ссылка скопирована полностью, или попросите в школе новую ссылку.',
  },
  revoked: {
    title: 'Эта ссылка больше не действует',
    text: 'Школа выпустила новую ссылку на анкету. Попросите её у классного руководителя или в администрации школы.',
  },
  loadFailed: {
    title: 'Не удалось загрузить анкету',
    text: 'Проверьте подключение к интернету и попробуйте ещё раз.',
  },
  /** The phone is offline and has never kept this questionnaire (it was not opened here with the network on). */
  offlineLoad: {
    title: 'Нет подключения к интернету',
    text: 'Анкета откроется, когда телефон подключится к интернету: страница обновится сама. После первого открытия её можно заполнять и без связи.',
  },
  notYetOpen: (opensAt: string, closesAt: string, zone: string) => ({
    title: 'Опрос ещё не начался',
    text: `Анкета будет открыта с ${formatDate(opensAt, zone)} по ${formatDate(lastDay(closesAt), zone)}. Откройте эту же ссылку в эти дни.`,
  }),
  closed: (opensAt: string, closesAt: string, zone: string) => ({
    title: 'Опрос завершён',
    text: `Анкета принимала ответы с ${formatDate(opensAt, zone)} по ${formatDate(lastDay(closesAt), zone)}. Спасибо за интерес — сейчас ответить уже нельзя.`,
  }),

  /** «Отправить ответы» pressed with too few counted questions answered: nothing is sent. */
  // Impersonal, for the students' «ты» and the others' «вы» alike.
  tooFewAnswers: (missing: number) => `Чтобы анкета засчиталась, нужен ответ ещё хотя бы на ${missing} ${questionWord(missing)}.`,

  codeUsed: {
    title: 'Этот код уже использован',
    text: 'По этому коду анкету уже заполнили. Код одноразовый: для каждого участника нужен свой. Если вы анкету не заполняли, попросите в школе новый код.',
  },

  /** Why the server refused a submission (4xx), by the API's error code. */
  submitErrors: {
    wave_closed: 'Опрос уже завершён, и ответы больше не принимаются.',
    code_used: 'По этой ссылке анкету уже заполнили. Для каждого участника нужна своя ссылка.',
    link_not_found: 'Ссылка на анкету больше не найдена. Попросите в школе новую ссылку.',
    link_revoked: 'Эта ссылка больше не действует. Попросите в школе новую ссылку.',
    invalid_answers: 'Анкета изменилась, пока вы её заполняли. Обновите страницу и проверьте ответы.',
    too_few_answers: 'Ответов слишком мало, чтобы анкета засчиталась. Ответьте ещё на несколько вопросов и отправьте снова.',
    part_exceeds_total: 'Одно из чисел больше общего количества, частью которого оно является. Проверьте числа и отправьте снова.',
    body_too_large: 'Ответы получились слишком длинными. Сократите текстовые ответы и отправьте снова.',
    default: 'Не удалось сохранить ответы. Обновите страницу и попробуйте ещё раз; если не поможет, сообщите в школу.',
  } as Record<string, string> & { default: string },
  /** The public read-only preview (/questionnaires/<role>): what families read before deciding whether to take part. */
  preview: {
    titles: {
      principal: 'Анкета для директора',
      teacher: 'Анкета для учителей',
      student: 'Анкета для учащихся',
      parent: 'Анкета для родителей',
    },
    badge: 'Только для ознакомления',
    intro:
      'Здесь можно заранее прочитать все вопросы анкеты и варианты ответов — такими, какими их увидят участники. ' +
      'Ответить на этой странице нельзя: анкету заполняют по ссылке или QR-коду, которые выдаёт школа.',
    voluntary:
      'Участие добровольное и анонимное: имя, телефон и адрес не спрашиваются, любой вопрос можно пропустить. ' +
      'Отказаться от участия можно, просто не заполняя анкету или сообщив об отказе классному руководителю.',
    conditional: 'Некоторые вопросы появляются только после определённого ответа на предыдущий и здесь могут быть скрыты.',
    notFound: { title: 'Такой анкеты нет', text: 'Проверьте адрес: анкеты есть для директора, учителей, учащихся и родителей.' },
  },
} as const;

type Audience = 'parent' | 'student' | 'teacher' | 'principal';
const noOperator = 'оператор ещё не указан';
const minimum = (n: number) => `${n} ${questionWord(n)}`;

/**
 * What a respondent is told before the first question (152-ФЗ art. 18): in two lines, then «Подробнее». Students are
 * addressed «ты», the others «вы»; the principal's questionnaire is the school's own report (docs/methodology.md), so
 * the principal is not promised that no one sees it. Every statement matches /privacy (client/src/privacy/strings.ts).
 */
const WHY = 'Зачем: ответы помогают понять, какая поддержка нужна школе.';
const NOT_COLLECTED = 'Не собираем: имя, контакты, IP-адрес вместе с ответами.';
const KEPT = 'Ответы хранятся до окончания опроса и ещё 12 месяцев, потом удаляются; остаются только общие итоги.';
const operatorLine = (operator: string | null) => `Кто обрабатывает ответы: ${operator ?? noOperator}.`;

export const noticeStrings = {
  more: 'Подробнее',
  policy: 'Вся политика обработки персональных данных',
  clear: 'Очистить мои ответы',
  clearConfirm: 'Стереть ответы, сохранённые на этом устройстве, и начать анкету заново?',
  cleared: 'Ответы на этом устройстве стёрты. Анкета начата заново.',
  byAudience: {
    parent: (operator: string | null, minAnswered: number) => ({
      title: 'Об анкете и ваших данных',
      lead: 'Анкета анонимная: мы не спрашиваем ваше имя, и никто в школе не увидит ответы отдельного человека — только общие итоги, если ответов не меньше пяти.',
      voluntary: `Участие добровольное, любой вопрос можно пропустить. Анкета засчитывается, если дан ответ хотя бы на ${minimum(minAnswered)}.`,
      details: [WHY, operatorLine(operator), NOT_COLLECTED, KEPT],
    }),
    teacher: (operator: string | null, minAnswered: number) => ({
      title: 'Об анкете и ваших данных',
      lead: 'Анкета анонимная: мы не спрашиваем ваше имя, и никто в школе, включая администрацию, не увидит ваши ответы по отдельности — только общие итоги, если ответов не меньше пяти.',
      voluntary: `Участие добровольное, любой вопрос можно пропустить. Анкета засчитывается, если дан ответ хотя бы на ${minimum(minAnswered)}.`,
      details: [WHY, operatorLine(operator), NOT_COLLECTED, KEPT],
    }),
    student: (operator: string | null, minAnswered: number) => ({
      title: 'Об анкете и твоих данных',
      lead: 'Анкета анонимная: мы не спрашиваем твоё имя, и никто в школе — ни учителя, ни директор — не увидит твои ответы. Видны только общие итоги, если ответили хотя бы пять человек.',
      voluntary: `Отвечать или нет — решаешь ты, любой вопрос можно пропустить. Анкета засчитывается, если ты ответишь хотя бы на ${minimum(minAnswered)}.`,
      details: [
        'Зачем: ответы помогают понять, что в школе нужно улучшить.',
        operatorLine(operator),
        'Не собираем: имя, контакты, IP-адрес вместе с ответами. Класс спрашиваем только для общих итогов.',
        KEPT,
      ],
    }),
    principal: (operator: string | null, minAnswered: number) => ({
      title: 'Об анкете и ваших данных',
      lead: 'Анкета директора — это отчёт школы: её ответы видят команда школы, координаторы и куратор. Ваше имя анкета не спрашивает.',
      voluntary: `Любой вопрос можно пропустить. Анкета засчитывается, если дан ответ хотя бы на ${minimum(minAnswered)}.`,
      details: [WHY, operatorLine(operator), 'Не собираем: контакты и IP-адрес вместе с ответами.', KEPT],
    }),
  } satisfies Record<Audience, (operator: string | null, minAnswered: number) => { title: string; lead: string; voluntary: string; details: string[] }>,
  /** Only for students, always in sight: the free, anonymous, round-the-clock children's helpline. */
  helpline: {
    text: 'Если тебе тяжело или нужна помощь, позвони на Детский телефон доверия — бесплатно и анонимно:',
    number: '8-800-2000-122',
    tel: 'tel:88002000122',
  },
  /** The device's part, by link kind: a shared open link forgets an untouched draft after 4 hours (storage.ts DRAFT_KEPT_MS). */
  device: {
    open: (student: boolean) =>
      student
        ? 'Пока анкета не отправлена, ответы хранятся только на этом устройстве, и не дольше 4 часов после последнего ответа. За общим компьютером нажми «Очистить мои ответы», если уходишь, не закончив.'
        : 'Пока анкета не отправлена, ответы хранятся только на этом устройстве, и не дольше 4 часов после последнего ответа. За общим компьютером нажмите «Очистить мои ответы», если уходите, не закончив.',
    code: () => 'Пока анкета не отправлена, ответы хранятся только на этом устройстве: можно прерваться и вернуться по этой же ссылке.',
  },
} as const;

/** The language picker (questionnaire translations, surveys/translations/): kept apart from the screen's other words. */
export const languageStrings = {
  /** Russian is the questionnaire's own language, named in itself like the others. */
  russian: 'Русский',
  pickerLabel: 'Язык анкеты',
  /** Beside a language an administrator has not confirmed yet; in Russian for the school and the region to see too. */
  unverified: 'перевод не проверен',
} as const;
