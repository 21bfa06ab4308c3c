import type { ServiceTokenState } from '../../../../server/service-tokens/tokens.schemas';
import { TOKEN_LIFETIME_DAYS, TOKEN_REQUESTS_PER_MINUTE, type TokenPermission } from '../../../../server/shared/rules/service-tokens';
import { number } from '../../shared/format';

const lifetime = `от ${TOKEN_LIFETIME_DAYS.min} до ${TOKEN_LIFETIME_DAYS.max} дней`;
const rate = `от ${number(TOKEN_REQUESTS_PER_MINUTE.min)} до ${number(TOKEN_REQUESTS_PER_MINUTE.max)} запросов в минуту`;

export const tokenStrings = {
  title: 'Токены API',
  intro:
    'Токен нужен региональной информационной системе, чтобы она по скрипту, без пароля человека, загружала список школ и забирала данные об участии и профили рисков. ' +
    'Секрет токена показывается один раз, сразу после выдачи: сервер хранит только его отпечаток, и восстановить секрет нельзя. Потерянный токен отзовите и выдайте новый.',
  docsBefore: 'Как обращаться к API, какие запросы открывает каждое право и что они возвращают, описано в ',
  docsLink: 'описании API',
  docsAfter: '.',

  create: 'Новый токен',
  name: 'Какая система будет пользоваться токеном',
  namePlaceholder: 'Например: АИС «Сетевой город. Образование»',
  region: 'Регион',
  choose: '— выберите —',
  municipality: 'Муниципалитет',
  wholeRegion: '— весь регион —',
  permissions: 'Права',
  regionOnlyNote: 'Токен муниципалитета может только читать: загружать список школ и управлять волнами может только токен региона.',
  lifetime: 'Срок действия, дней',
  lifetimeHint: `Можно ${lifetime}.`,
  rate: 'Запросов в минуту',
  rateHint: 'Лишние запросы сервер отклоняет и просит систему подождать.',
  submit: 'Выдать токен',
  submitting: 'Выдаём…',
  needPermission: 'Отметьте хотя бы одно право.',

  permissionTitles: {
    'participation:read': 'Читать участие',
    'profiles:read': 'Читать профили рисков',
    'roster:import': 'Загружать список школ',
    'waves:manage': 'Создавать и изменять волны',
  } satisfies Record<TokenPermission, string>,

  issued: (name: string) => `Токен для «${name}» выдан`,
  saveNow: 'Сохраните токен сейчас: после закрытия он больше не будет показан.',
  secret: 'Секрет токена',
  copy: 'Скопировать',
  copied: 'Скопировано',
  copyByHand: 'Скопировать не удалось: секрет выделен, нажмите Ctrl+C.',
  headerExample: 'Система передаёт его в каждом запросе заголовком:',
  close: 'Я сохранил(а) токен, закрыть',

  list: 'Выданные токены',
  loading: 'Загружаем токены…',
  empty: 'Токенов пока нет.',
  zoneNote: 'Даты и время — по часовому поясу региона токена.',
  columns: {
    name: 'Система',
    territory: 'Территория',
    permissions: 'Права',
    state: 'Состояние',
    created: 'Выдан',
    expires: 'Действует до',
    lastUsed: 'Последний запрос',
    actions: 'Действия',
  },
  perMinute: (n: number) => `до ${n} запросов в минуту`,
  states: { active: 'Действует', expired: 'Истёк', revoked: 'Отозван' } satisfies Record<ServiceTokenState, string>,
  revokedAt: (at: string) => `с ${at}`,
  neverUsed: 'ещё не использовался',
  revoke: 'Отозвать',
  revokeOf: (name: string) => `Отозвать токен «${name}»`,
  confirmRevoke: (name: string) =>
    `Отозвать токен «${name}»? Система, которая им пользуется, сразу перестанет получать ответы. Вернуть токен нельзя — только выдать новый.`,
  revoked: (name: string) => `Токен «${name}» отозван.`,

  /** Server error codes of this screen's requests; others fall back to the app's common texts. */
  errors: {
    token_name_required: 'Укажите, какая система будет пользоваться токеном.',
    unknown_region: 'Такого региона нет. Обновите страницу и выберите регион из списка.',
    unknown_municipality: 'Такого муниципалитета в выбранном регионе нет. Обновите страницу и выберите его снова.',
    token_permission_needs_region: 'Токен муниципалитета может только читать участие и профили рисков. Снимите остальные права или выберите весь регион.',
    invalid_request: `Проверьте поля: название до 200 символов, хотя бы одно право, срок ${lifetime}, ${rate}.`,
    token_already_revoked: 'Этот токен уже отозван.',
    token_not_found: 'Такого токена нет. Обновите страницу.',
  } as Record<string, string>,
};
