/** The words of every file upload of the administrator's imports (roster, school context). */
export const uploadStrings = {
  choose: 'Выбрать файл…',
  chooseAnother: 'Выбрать другой файл…',
  drop: 'или перетащите его сюда',
  template: 'Шаблон:',
  templateCsv: 'CSV',
  templateXlsx: 'XLSX',
  checking: 'Проверяем файл…',
  size: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1)} МБ`),
};
