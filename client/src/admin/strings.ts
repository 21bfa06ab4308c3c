export const adminStrings = {
  nav: { waves: 'Волны и ссылки', roster: 'Список школ', accounts: 'Учётные записи', audit: 'Журнал изменений', methodology: 'Методика' },
};
