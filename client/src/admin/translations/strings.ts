import type { SurveyUiKey } from '../../../../server/shared/rules/survey-translations';
import { dateTime, DEFAULT_TIME_ZONE } from '../../shared/format';

export const translationStrings = {
  title: 'Переводы анкет',
  intro:
    'Анкету можно заполнить не только по-русски: семьи, для которых русский не родной, выбирают язык вверху страницы анкеты. ' +
    'Ответы сохраняются одинаково на любом языке, и считаются они одинаково. Пока перевод не подтверждён, рядом с названием языка на странице анкеты написано «перевод не проверен». ' +
    'Подтверждайте перевод, только если его прочитал человек, который хорошо знает язык, и сверил с русским текстом.',
  empty: 'Переводов пока нет.',
  unverified: 'перевод не проверен',
  confirmed: (at: string, by: string | null) => `Подтверждён ${dateTime(at, DEFAULT_TIME_ZONE)}${by ? `, ${by}` : ''}`,
  showStrings: (n: number) => `Показать текст перевода рядом с русским (${n})`,
  showUi: 'Показать кнопки и подсказки анкеты',
  /** SurveyJS's words as the Russian respondent page shows them (client/src/respond/surveyjs-russian-overrides.ts). */
  uiRussian: {
    pagePrevText: 'Назад',
    pageNextText: 'Далее',
    completeText: 'Отправить ответы',
    progressText: 'Страница {0} из {1}',
    placeholder: 'Выберите ответ…',
    progressbar: 'Ход заполнения',
    numericError: 'Ответ должен быть числом.',
    minError: 'Значение не должно быть меньше {0}.',
    maxError: 'Значение не должно превышать {0}.',
  } satisfies Record<SurveyUiKey, string> as Record<string, string>,
  russian: 'По-русски',
  translated: 'Перевод',
  key: 'Где',
  confirm: 'Подтвердить перевод',
  confirming: 'Подтверждаем…',
  confirmQuestion: (name: string) => `Подтвердить перевод «${name}»? Респонденты перестанут видеть пометку «перевод не проверен».`,
  confirmedNotice: (name: string) => `Перевод «${name}» подтверждён.`,
  errors: {
    translation_already_confirmed: 'Этот перевод уже подтверждён.',
    translation_not_found: 'Такого перевода больше нет: файл перевода изменился. Обновите страницу.',
  } as Record<string, string>,
};
