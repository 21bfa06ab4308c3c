import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionLabel,
  auditActorLabel,
  auditDetailLines,
  auditEntityLabel,
} from '../../../../server/shared/rules/audit-wording';

/**
 * The words of the audit screen. What each action is called and how its details read comes from the rules shared
 * with the CSV export, so the file says what the screen says.
 */
export const auditStrings = {
  title: 'Журнал аудита',
  intro: 'Кто и когда входил в систему, выгружал данные, смотрел ссылки для респондентов и что менял.',
  zone: (zone: string) => `Время — ${zone}.`,
  filters: {
    legend: 'Отбор записей',
    from: 'С даты',
    to: 'По дату',
    action: 'Действие',
    entity: 'Объект',
    user: 'Кто (часть адреса или имени токена)',
    text: 'Текст в подробностях',
    any: 'любое',
    apply: 'Показать',
    reset: 'Сбросить',
    csv: 'Выгрузить в CSV',
  },
  when: 'Когда',
  who: 'Кто',
  what: 'Действие',
  details: 'Подробности',
  number: (id: string) => `№ ${id}`,
  more: 'Показать ещё',
  loading: 'Загружаем журнал…',
  empty: 'Записей с таким отбором нет.',
  noDetails: '—',
  actions: AUDIT_ACTIONS,
  entities: AUDIT_ENTITIES,
  actionLabel: auditActionLabel,
  actorLabel: auditActorLabel,
  entityLabel: auditEntityLabel,
  detailLines: auditDetailLines,
};
