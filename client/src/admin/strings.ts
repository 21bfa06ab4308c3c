export const adminStrings = {
  nav: {
    waves: 'Волны и ссылки',
    roster: 'Список школ',
    context: 'Контекст школ',
    accounts: 'Учётные записи',
    tokens: 'Токены API',
    audit: 'Журнал аудита',
    methodology: 'Методика',
    translations: 'Переводы анкет',
    retention: 'Сроки хранения',
    operator: 'Оператор данных',
  },
};
