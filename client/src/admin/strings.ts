export const adminStrings = {
  nav: {
    waves: 'Волны и ссылки',
    roster: 'Список школ',
    context: 'Контекст школ',
    accounts: 'Учётные записи',
    tokens: 'Токены API',
    audit: 'Журнал изменений',
    methodology: 'Методика',
    translations: 'Переводы анкет',
    operator: 'Оператор данных',
  },
};
