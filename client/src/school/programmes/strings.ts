import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from '../../../../server/shared/rules/evidence-files';
import { number } from '../../shared/format';
import type { MeasureStatus, ProgrammeEventAction, ProgrammeState } from './api';

const allowedTypes = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => type.extensions)
  .map((extension) => extension.toUpperCase())
  .join(', ');
const maxMegabytes = number(MAX_EVIDENCE_BYTES / 1024 / 1024);

/** The antirisk programme screens: the school's list beside its priorities and one programme's page. */
export const programmeStrings = {
  loading: 'Загрузка…',

  states: {
    draft: 'Черновик',
    submitted: 'На согласовании',
    returned: 'Возвращена на доработку',
    approved: 'Согласована',
  } satisfies Record<ProgrammeState, string>,

  list: {
    title: 'Антирисковые программы',
    intro: 'По каждому приоритетному риску школа составляет программу, куратор её согласует.',
    none: 'Сначала выберите приоритетные риски: программа составляется для каждого из них.',
    open: 'Программа',
    create: 'Создать программу',
    creating: 'Создаём…',
    notCreated: 'программа не создана',
    notPriority: 'больше не в приоритетах',
  },

  page: {
    eyebrow: 'Антирисковая программа',
    backToSchool: '← К профилю школы',
    school: 'Школа',
    municipality: 'Муниципалитет',
    wave: 'По результатам анкетирования',
    period: 'Период реализации',
    state: 'Состояние',
    noPeriod: 'сроки появятся вместе с мероприятиями',
    docx: 'Скачать DOCX',
    print: 'Печать',
    readOnly: 'Программу пишет команда школы; куратор согласует её или возвращает с замечаниями.',
    /** To the team, while the content is out of its hands. */
    lockedSubmitted: 'Программа на согласовании: пока куратор её не согласует или не вернёт, содержание не меняется. Ход мероприятий можно отмечать ниже.',
    lockedApproved: 'Программа согласована, её содержание не меняется. Отмечайте ниже, как идут мероприятия, и прикладывайте документы.',
  },

  document: {
    goal: '1. Цель программы',
    tasks: '2. Задачи',
    measures: '3. План мероприятий',
    noGoal: 'Цель не указана.',
    noTasks: 'Задачи не указаны.',
    noMeasures: 'Мероприятия не запланированы.',
    columns: {
      number: '№',
      action: 'Мероприятие',
      deadline: 'Срок',
      responsible: 'Ответственный',
      result: 'Ожидаемый результат',
      target: 'Показатель',
      status: 'Статус',
    },
  },

  editor: {
    title: 'Содержание программы',
    goal: 'Цель программы',
    goalHint: 'Чего школа добьётся по этому риску к концу программы.',
    tasks: 'Задачи',
    task: (n: number) => `Задача ${n}`,
    addTask: 'Добавить задачу',
    removeTask: (n: number) => `Удалить задачу ${n}`,
    measures: 'Мероприятия',
    measure: (n: number) => `Мероприятие ${n}`,
    addMeasure: 'Добавить мероприятие',
    removeMeasure: (n: number) => `Удалить мероприятие ${n}`,
    remove: 'Удалить',
    action: 'Что делаем',
    deadline: 'Срок',
    responsible: 'Ответственный',
    responsibleHint: 'должность или ФИО сотрудника, не ученика и не родителя',
    result: 'Ожидаемый результат',
    target: 'На какой показатель влияет',
    targetFactor: 'фактор в целом',
    external: 'другой показатель',
    externalText: 'Какой показатель',
    externalHint: 'Например: доля выпускников, сдавших ОГЭ по математике',
    save: 'Сохранить',
    saving: 'Сохраняем…',
    saved: 'Сохранено.',
    unsaved: 'Есть несохранённые изменения.',
    submit: 'Отправить на согласование',
    submitting: 'Отправляем…',
    submitted: 'Программа отправлена куратору на согласование.',
  },

  missing: { goal: 'цель', tasks: 'хотя бы одну задачу', measures: 'хотя бы одно мероприятие' } as Record<string, string>,
  incomplete: (parts: string[]) => `Перед отправкой укажите ${parts.join(', ')}.`,

  review: {
    title: 'Согласование',
    remark: 'Замечание для школы',
    remarkHint: 'Обязательно, если программа возвращается: школа должна знать, что исправить.',
    approve: 'Согласовать',
    return: 'Вернуть на доработку',
    remarkRequired: 'Напишите замечание: без него программу не вернуть.',
    approved: 'Программа согласована.',
    returned: 'Программа возвращена школе на доработку.',
  },

  remarks: {
    title: 'Замечания куратора',
    none: 'Замечаний нет.',
    aboutProgramme: 'К программе в целом',
    aboutMeasure: (n: number, action: string) => `К мероприятию ${n}: ${action}`,
    aboutRemovedMeasure: 'К удалённому мероприятию',
    by: (author: string, at: string) => `${author}, ${at}`,
    answer: 'Ответ школы',
    answerBy: (author: string, at: string) => `${author}, ${at}`,
    awaiting: 'ждёт ответа школы',
    answerLabel: 'Ваш ответ на замечание',
    send: 'Ответить',
    add: 'Замечание',
    addTitle: 'Новое замечание',
    about: 'К чему замечание',
    body: 'Текст замечания',
    addSubmit: 'Добавить замечание',
    cancel: 'Отмена',
  },

  progress: {
    title: 'Выполнение мероприятий',
    intro: 'Отмечайте ход каждого мероприятия и прикладывайте подтверждающие документы.',
    noMeasures: 'Сохраните мероприятия программы, чтобы отмечать их выполнение.',
    deadline: (day: string) => `срок — ${day}`,
    overdue: 'просрочено',
    status: 'Статус',
    comment: 'Комментарий',
    commentHint: 'Что сделано, что мешает',
    save: 'Сохранить статус',
    saved: 'Статус сохранён.',
    evidence: 'Подтверждающие документы',
    noEvidence: 'Документов нет.',
    upload: 'Приложить файл',
    uploading: 'Загружаем файл…',
    uploaded: (name: string) => `Файл «${name}» приложен.`,
    allowed: `${allowedTypes}, не больше ${maxMegabytes} МБ.`,
    tooLarge: `Файл больше ${maxMegabytes} МБ. Уменьшите его (например, сохраните скан в меньшем разрешении) и приложите снова.`,
    fileMeta: (size: string, at: string, by: string | null) => `${size}, ${at}${by ? `, ${by}` : ''}`,
    kilobytes: (kb: number) => `${number(kb)} КБ`,
    megabytes: (mb: number) => `${number(mb)} МБ`,
  },

  statuses: { planned: 'Запланировано', in_progress: 'Выполняется', done: 'Выполнено' } satisfies Record<MeasureStatus, string>,

  history: {
    title: 'История',
    events: {
      created: 'Создана',
      submitted: 'Отправлена на согласование',
      returned: 'Возвращена на доработку',
      resubmitted: 'Отправлена на согласование повторно',
      approved: 'Согласована',
    } satisfies Record<ProgrammeEventAction, string>,
  },

  errors: {
    programme_not_found: 'Такой программы нет. Возможно, ссылка устарела.',
    programme_exists: 'Программа по этому риску уже есть. Обновите страницу.',
    not_a_priority: 'Этот фактор больше не в приоритетах школы. Обновите страницу.',
    programme_changed: 'Программу уже изменил кто-то другой, пока она была открыта. Ваши правки не сохранены: обновите страницу и внесите их снова.',
    programme_not_editable: 'Программа уже на согласовании или согласована: её содержание изменить нельзя. Обновите страницу.',
    programme_transition: 'Состояние программы уже изменилось. Обновите страницу.',
    programme_draft: 'Черновик ещё не отправлен школой: замечания к нему пока не пишутся.',
    remark_required: 'Напишите замечание: без него программу не вернуть.',
    remark_empty: 'Замечание пустое.',
    answer_empty: 'Ответ пустой.',
    remark_answered: 'На это замечание уже ответили. Обновите страницу.',
    remark_not_found: 'Такого замечания нет. Обновите страницу.',
    measure_not_found: 'Такого мероприятия уже нет: программу изменили. Обновите страницу.',
    unknown_target: 'Такого показателя нет в модели этой волны. Выберите показатель из списка.',
    not_school_team: 'Это делает только команда школы.',
    not_reviewer: 'Программы согласует куратор школы или региональный координатор.',
    evidence_type: `Такой файл приложить нельзя. Подходят: ${allowedTypes}.`,
    evidence_content: 'Содержимое файла не совпадает с его расширением. Сохраните файл заново в нужном формате и приложите снова.',
    evidence_empty: 'Файл пустой.',
    body_too_large: `Файл больше ${maxMegabytes} МБ. Уменьшите его и приложите снова.`,
    school_not_in_wave: 'Эта школа не участвует в выбранной волне.',
  } as Record<string, string>,
};
