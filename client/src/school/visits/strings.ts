import type { VisitKind } from './api';

/** The curator's visits to one school: planned, then reported with a protocol. */
export const visitStrings = {
  title: 'Визиты куратора',
  loading: 'Загрузка…',
  backToSchool: '← К профилю школы',
  intro: 'Куратор планирует визиты в школу и после визита заполняет протокол. Визиты видят все, кто видит школу; изменяет их только куратор.',

  kinds: {
    consultation: 'Консультация',
    lesson_observation: 'Наблюдение урока',
    document_review: 'Проверка документов',
    other: 'Другое',
  } satisfies Record<VisitKind, string>,

  planned: 'Запланированные',
  made: 'Проведённые',
  noPlanned: 'Запланированных визитов нет.',
  noMade: 'Проведённых визитов пока нет.',
  plannedOn: (day: string) => `Запланирован на ${day}`,
  madeOn: (day: string) => `Проведён ${day}`,
  curator: (name: string) => `Куратор: ${name}`,

  plan: {
    open: 'Запланировать визит',
    title: 'Новый визит',
    date: 'Дата визита',
    kind: 'Вид визита',
    purpose: 'Цель визита',
    purposeHint: 'Например: посмотреть урок математики в 7 классе по приоритетному риску R4',
    submit: 'Запланировать',
    cancel: 'Отмена',
    done: 'Визит запланирован.',
  },

  report: {
    open: 'Заполнить протокол',
    edit: 'Изменить',
    title: 'Протокол визита',
    plannedOn: 'Запланирован на',
    madeOn: 'Дата проведения',
    madeOnHint: 'Оставьте пустой, пока визит не состоялся.',
    lessonClass: 'Класс',
    lessonClassHint: 'Например: 7 «Б»',
    subject: 'Предмет',
    observations: 'Наблюдения по приоритетным рискам',
    observationsHint: 'Что увидели на уроке по каждому риску, над которым работает школа. Пустые поля не сохраняются.',
    general: 'Общие наблюдения',
    conclusions: 'Выводы и рекомендации',
    save: 'Сохранить протокол',
    cancel: 'Отмена',
  },

  protocol: {
    lesson: (lessonClass: string, subject: string) => `Урок: ${subject}, ${lessonClass}`,
    general: 'Общее',
    conclusions: 'Выводы',
  },

  errors: {
    not_curator: 'Визиты в школу планирует только её куратор.',
    not_visit_curator: 'Протокол заполняет куратор, который планировал визит.',
    visit_not_found: 'Такого визита нет. Обновите страницу.',
    visit_in_future: 'Визит не может быть проведён позже сегодняшнего дня. Пока он не состоялся, оставьте дату проведения пустой.',
    protocol_incomplete: 'Для наблюдения урока укажите класс и предмет.',
    visit_purpose_required: 'Укажите цель визита.',
    school_not_found: 'Школа не найдена.',
  } as Record<string, string>,
};
