import type { Role } from './roles';
import type { AccountRole } from '../../../server/db/schema';

/** Texts every staff screen shares: respondent groups, account roles, and what the server's error codes mean. */
export const sharedStrings = {
  retry: 'Повторить',

  /** The respondent groups as people read them: headings, reminders, printed sheets, exports. */
  roles: { principal: 'Директор', teacher: 'Учителя', student: 'Обучающиеся 5–11 классов', parent: 'Родители' } satisfies Record<Role, string>,
  /** Only for a narrow column or a chart axis, where the full name would not fit. */
  rolesShort: { principal: 'Директор', teacher: 'Учителя', student: 'Обучающиеся', parent: 'Родители' } satisfies Record<Role, string>,
  /** «ответов директора», «ответов обучающихся». */
  rolesGenitive: { principal: 'директора', teacher: 'учителей', student: 'обучающихся', parent: 'родителей' } satisfies Record<Role, string>,

  accountRoles: {
    admin: 'Администратор',
    region: 'Региональный координатор',
    municipality: 'Муниципальный координатор',
    school: 'Команда школы',
    curator: 'Куратор',
    security: 'Администратор безопасности',
  } satisfies Record<AccountRole, string>,

  /** Russian text for the server's error codes; a screen adds the codes only it meets. */
  errors: {
    network: 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.',
    unauthenticated: 'Войдите, чтобы продолжить.',
    forbidden: 'У вашей учётной записи нет доступа к этому действию.',
    out_of_scope: 'Это за пределами территории вашей учётной записи.',
    csrf: 'Страница устарела. Обновите её и повторите действие.',
    invalid_credentials: 'Неверный e-mail или пароль.',
    wrong_password: 'Текущий пароль указан неверно.',
    common_password: 'Этот пароль слишком распространён: его подбирают первым. Придумайте другой, например из трёх-четырёх слов.',
    email_password: 'Пароль не должен содержать имя из вашего e-mail.',
    invitation_not_found: 'Ссылка-приглашение недействительна.',
    invitation_used: 'Приглашение уже использовано. Войдите со своим паролем.',
    consent_required: 'Подтвердите согласие на обработку персональных данных.',
    name_required: 'Укажите имя.',
    invitation_expired: 'Срок приглашения истёк. Попросите администратора прислать новое.',
    rate_limited: 'Слишком много попыток. Подождите несколько минут.',
    too_many_logins:
      'С вашего сетевого адреса было слишком много неудачных попыток входа (адрес может быть общим для всей школы или учреждения). Подождите до 15 минут и попробуйте снова.',
    internal: 'Ошибка на сервере. Изменения не применены; попробуйте позже.',
    wave_not_found: 'Такой волны нет. Возможно, ссылка устарела.',
    wave_dates_order: 'Окончание волны должно быть позже её начала.',
    wave_day_invalid: 'Такого дня нет в календаре. Проверьте даты волны.',
    wave_dates_required: 'Укажите первый и последний день волны.',
    time_zone_unknown: 'Такого часового пояса нет. Выберите пояс из списка.',
    wave_title_required: 'Укажите название волны.',
    unknown_region: 'Такого региона нет. Сначала загрузите список школ региона.',
    unknown_model: 'Такой модели риск-профиля нет. Выберите модель из списка.',
    wave_has_responses: 'В волне уже есть ответы, поэтому модель сменить нельзя. Для другой модели создайте новую волну.',
    link_not_found: 'Такой ссылки нет.',
    link_revoked: 'Эта ссылка уже не действует. Обновите страницу и замените текущую ссылку.',
    code_used: 'По этому коду уже ответили, заменять его не нужно.',
    school_not_in_wave: 'Эта школа не участвует в волне: она из другого региона или добавлена после начала волны.',
    decision_too_small: 'Волна закрыта: решение должно изменить не меньше 5 ответов или ни одного, иначе школа увидит эти ответы по разнице результатов.',
    figures_not_released: 'Результаты волны появятся после её закрытия: пока волна идёт, видно только участие.',
    wave_closed:
      'Волна уже закрыта, и её результаты опубликованы: открыть её снова нельзя, иначе по разнице результатов можно узнать ответы отдельных людей. Чтобы собрать ещё ответы, создайте новую волну.',
    disk_full: 'На диске сервера почти не осталось места, поэтому ничего не сохранено. Сообщите администратору сервера и повторите позже.',
    database_unavailable:
      'База данных сервера сейчас недоступна, изменения не сохранены. Подождите минуту и повторите; если не поможет — сообщите администратору.',
  } as Record<string, string>,
};
