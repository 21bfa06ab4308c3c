import { surveyLocalization, type englishStrings } from 'survey-core';
import 'survey-core/i18n/russian';

/**
 * Fixes for SurveyJS's bundled Russian (survey-core 3.0.0, i18n/russian.js), limited to strings a
 * one-page-at-a-time questionnaire of choices, ratings, dropdowns and numbers can show. Several are
 * machine translations that read wrong; the rest are made plainer for parents and children.
 * Left as they are because they read well: pagePrevText «Назад», pageNextText «Далее»,
 * progressText «Страница {0} из {1}», requiredError, numericError, minError, maxError, otherItemText, cancel.
 */
const overrides: Partial<Record<keyof typeof englishStrings, string>> = {
  // «Готово» does not say that the answers leave the phone; completing is sending.
  completeText: 'Отправить ответы',
  // Has a Latin «O» and «на 3/10 вопросов» is not Russian.
  questionsProgressText: 'Отвечено: {0} из {1}',
  // «Загрузка с сервера...» is technical.
  loadingSurvey: 'Загружаем анкету…',
  // Shown only if the survey's own completed page is ever used; «Вас» with a capital is old-fashioned.
  completingSurvey: 'Спасибо! Ответы отправлены.',
  emptySurvey: 'В анкете пока нет вопросов.',
  // Dropdown and rating placeholders: «Выбрать...» is an infinitive, «Нажмите здесь, чтобы оценить...» is
  // long and «Выбирать...» (machine translation) is the wrong aspect.
  placeholder: 'Выберите ответ…',
  ratingOptionsCaption: 'Выберите оценку…',
  buttongroupOptionsCaption: 'Выберите…',
  selectCaption: 'Выбрать',
  // Dropdowns open as a full-screen list on phones, with a search field and buttons.
  filterStringPlaceholder: 'Поиск…',
  emptyMessage: 'Ничего не найдено',
  modalApplyButtonText: 'Применить', // was «Применять» (machine translation, wrong aspect)
  modalCancelButtonText: 'Отмена',
  tagboxDoneButtonCaption: 'Готово', // was «Хорошо», a literal translation of «OK»
  ok: 'ОК',
  more: 'Ещё', // was «Больше»
  // Special choices: the usual wording of Russian questionnaires.
  noneItemText: 'Ничего из перечисленного',
  dontKnowItemText: 'Затрудняюсь ответить',
  refuseItemText: 'Предпочитаю не отвечать',
  deselectAllItemText: 'Снять выбор', // was «Отмена выбора всех» (machine translation)
  // Validation messages: machine translations («Некорректный вход» means «incorrect login»),
  // missing commas and plural forms that do not agree with {0}.
  invalidInputError: 'Некорректное значение',
  stepError: 'Введите число, кратное {0}.',
  textNoDigitsAllow: 'Цифры здесь не нужны.',
  textMinLength: 'Слишком короткий ответ: нужно символов не меньше {0}.',
  textMaxLength: 'Слишком длинный ответ: можно символов не больше {0}.',
  textMinMaxLength: 'Длина ответа: от {0} до {1} символов.',
  minSelectError: 'Выберите вариантов не меньше: {0}.',
  maxSelectError: 'Выберите вариантов не больше: {0}.',
  // Accessible names of the progress bar, read aloud by screen readers.
  progressbar: 'Ход заполнения',
};

Object.assign(surveyLocalization.locales['ru'], overrides);
