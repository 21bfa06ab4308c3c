export const adminStrings = {
  nav: { waves: 'Волны и ссылки', roster: 'Список школ', accounts: 'Учётные записи', tokens: 'Токены API', audit: 'Журнал изменений', methodology: 'Методика' },
};
