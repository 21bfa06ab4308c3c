/**
 * The audit log in words: what each action is called and how its details read. One definition for the audit screen
 * and its CSV export, so a lawyer reads in the file exactly what the screen showed. An action or a detail not named
 * here still reads as «key: value», never as raw JSON.
 */

export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': 'Вход в систему',
  'auth.login_failed': 'Неудачная попытка входа',
  'auth.logout': 'Выход из системы',
  'password.change': 'Изменён пароль',
  'invitation.accept': 'Приглашение принято, пароль задан',
  'account.create': 'Создана учётная запись',
  'account.invite': 'Выдано приглашение',
  'account.disable': 'Учётная запись отключена',
  'account.enable': 'Учётная запись включена',
  'account.update': 'Изменена учётная запись',
  'account.anonymise': 'Учётная запись обезличена',
  'account.self_update': 'Пользователь исправил свои данные',
  'consent.give': 'Дано согласие на обработку персональных данных',
  'audit.view': 'Просмотр журнала аудита',
  export: 'Выгрузка файла',
  'links.view': 'Просмотр ссылок и кодов для респондентов',
  'region.create': 'Добавлен регион',
  'region.update': 'Изменён часовой пояс региона',
  'roster.import': 'Загружен список школ',
  'context.import': 'Загружен контекст школ',
  'wave.create': 'Создана волна',
  'wave.update': 'Изменена волна',
  'wave.access_mode': 'Изменён способ доступа к анкете',
  'wave.links_sync': 'Созданы ссылки волны',
  'wave.expected_correct': 'Исправлено ожидаемое число респондентов',
  'link.replace': 'Ссылка заменена новой',
  'priorities.update': 'Изменены приоритеты школы',
  'marks.decision': 'Решение по отмеченным анкетам',
  'model.derive': 'Принята новая версия модели риска',
  'programme.create': 'Создана антирисковая программа',
  'programme.submitted': 'Программа отправлена на согласование',
  'programme.returned': 'Программа возвращена на доработку',
  'programme.resubmitted': 'Программа отправлена повторно',
  'programme.approved': 'Программа согласована',
  'measure.status': 'Изменён статус мероприятия',
  'evidence.upload': 'Загружен подтверждающий файл',
  'curator.assign': 'Куратору назначены школы',
  'visit.plan': 'Запланирован визит куратора',
  'visit.report': 'Отчёт о визите куратора',
  'paper.print': 'Напечатаны бумажные анкеты',
  'paper.enter': 'Введена бумажная анкета',
  'paper.verify': 'Бумажная анкета введена повторно для сверки',
  'paper.correct': 'Исправлена бумажная анкета',
  'token.create': 'Выдан токен API',
  'token.revoke': 'Токен API отозван',
  'token.use': 'Запрос по токену API',
  'token.refused': 'Запрос по токену API отклонён',
  'translation.confirm': 'Подтверждён перевод анкеты',
};

export const AUDIT_ENTITIES: Record<string, string> = {
  user: 'учётная запись',
  wave: 'волна',
  school: 'школа',
  region: 'регион',
  roster: 'список школ',
  link: 'ссылка',
  programme: 'программа',
  paper_sheet: 'бумажная анкета',
  service_token: 'токен API',
  risk_model: 'модель риска',
  translation: 'перевод',
  school_context: 'показатели школ',
  assessment_results: 'результаты оценочных процедур',
  audit_log: 'журнал аудита',
};

/** The values some details take, in words. */
const VALUES: Record<string, Record<string, string>> = {
  kind: {
    participation: 'отчёт об участии',
    profiles: 'профили риска школ',
    programmes_overview: 'сводка антирисковых программ',
    confirmed_change: 'подтверждённые изменения',
    programme_document: 'программа (Word)',
    evidence: 'подтверждающий файл',
    wave_links: 'ссылки волны',
    audit_log: 'журнал аудита',
    school_links: 'ссылки школы',
    qr_image: 'QR-код',
    qr_sheet: 'лист с QR-кодами',
    codes: 'одноразовые коды',
    indicators: 'показатели',
    results: 'результаты',
  },
  reason: { unknown_account: 'нет такой учётной записи', wrong_password: 'неверный пароль', disabled: 'учётная запись отключена' },
  role: {
    principal: 'директор',
    teacher: 'учителя',
    student: 'обучающиеся',
    parent: 'родители',
    admin: 'администратор',
    region: 'региональный координатор',
    municipality: 'муниципальный координатор',
    school: 'команда школы',
    curator: 'куратор',
    security: 'администратор безопасности',
  },
  format: { csv: 'CSV', xlsx: 'Excel', docx: 'Word', file: 'файл' },
};

const KEYS: Record<string, string> = {
  kind: 'Что',
  format: 'Формат',
  reason: 'Причина',
  ip: 'IP-адрес',
  waveId: 'Волна №',
  fromWaveId: 'По сравнению с волной №',
  schoolId: 'Школа №',
  schoolIds: 'Школы №',
  municipalityId: 'Муниципалитет №',
  regionId: 'Регион №',
  measureId: 'Мероприятие №',
  evidenceId: 'Файл №',
  visitId: 'Визит №',
  responseId: 'Анкета №',
  newLinkId: 'Новая ссылка №',
  role: 'Роль',
  email: 'Адрес',
  name: 'Название',
  title: 'Название',
  timeZone: 'Часовой пояс',
  from: 'Было',
  to: 'Стало',
  before: 'Было',
  after: 'Стало',
  decision: 'Решение',
  filename: 'Файл',
  size: 'Размер, байт',
  rows: 'Строк',
  method: 'Метод',
  path: 'Адрес запроса',
  route: 'Маршрут',
  permissions: 'Права',
  expiresAt: 'Действует до',
  plannedOn: 'Дата визита',
  madeOn: 'Проведён',
  sheets: 'Листов',
  filters: 'Фильтры',
  action: 'Действие',
  entity: 'Объект',
  user: 'Кто',
  text: 'Текст',
  language: 'Язык',
  modelId: 'Модель',
  opensAt: 'Открывается',
  closesAt: 'Закрывается',
  target: 'Цель охвата',
  linksCreated: 'Создано ссылок',
  created: 'Создано',
  factorId: 'Фактор риска',
};

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string') return VALUES[key]?.[value] ?? (key === 'action' ? (AUDIT_ACTIONS[value] ?? value) : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueText(key, v)).join(', ');
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record);
  if (entries.length === 2 && 'before' in record && 'after' in record) {
    const { before, after } = record;
    return `${valueText(key, before)} → ${valueText(key, after)}`;
  }
  return entries.map(([k, v]) => `${KEYS[k] ?? k}: ${valueText(k, v)}`).join('; ');
}

const KEY_ORDER = Object.keys(KEYS);
const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

/**
 * The details of one entry as lines «Label: value». PostgreSQL keeps a JSON object's keys in an order of its own, so
 * the lines follow the order of `KEYS` (what matters first), then the unnamed keys alphabetically.
 */
export function auditDetailLines(details: Record<string, unknown>): string[] {
  return Object.entries(details)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => `${KEYS[key] ?? key}: ${valueText(key, value)}`);
}

/** Who acted: the account, the service token, nobody yet (a failed login) or the system itself. */
export function auditActorLabel(entry: { action: string; userName: string | null; tokenName: string | null }): string {
  if (entry.userName !== null) return entry.userName;
  if (entry.tokenName !== null) return `токен API «${entry.tokenName}»`;
  return entry.action === 'auth.login_failed' ? 'без входа' : 'система';
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITIES[entity] ?? entity;
}
