/** Every Russian text of the code-entry page (/c), where a code from a paper slip is typed. */
export const codeEntryStrings = {
  pageTitle: 'Ввод кода анкеты',
  title: 'Введите код с карточки',
  text: 'Код из 8 букв и цифр напечатан на карточке, например 7KQ4\u2011M9XA. Регистр и дефис не важны.',
  label: 'Код',
  placeholder: 'XXXX-XXXX',
  submit: 'Открыть анкету',
  checking: 'Проверяем код…',
  /** Why the code did not open a questionnaire, by the API's error code. */
  errors: {
    invalid_code: 'В коде должно быть 8 знаков: латинские буквы и цифры. Проверьте код на карточке.',
    code_not_found: 'Анкеты с таким кодом нет. Сверьте код с карточкой и введите его ещё раз.',
    too_many_wrong_codes: 'С этого устройства введено слишком много неверных кодов. Попробуйте через час или отсканируйте QR-код на карточке.',
    rate_limited: 'Слишком много попыток подряд. Подождите минуту и попробуйте снова.',
    network: 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.',
    default: 'Не удалось проверить код. Попробуйте ещё раз немного позже.',
  } as Record<string, string> & { default: string },
} as const;
