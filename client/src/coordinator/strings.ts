import type { Role } from '../../../server/shared/roles';

/** Russian plural: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(n: number, one: string, few: string, many: string): string {
  const tens = Math.abs(n) % 100;
  const units = tens % 10;
  if (tens > 10 && tens < 20) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

const roles: Record<Role, string> = { principal: 'Директор', teacher: 'Учителя', student: 'Обучающиеся', parent: 'Родители' };

export const coordinatorStrings = {
  nav: { participation: 'Участие в анкетировании', profiles: 'Риск-профили региона' },
  participation: {
    title: 'Участие в анкетировании',
    wave: 'Волна',
    noWaves: 'Волн анкетирования пока нет. Их создаёт администратор.',
    loading: 'Загружаем данные об участии…',
    roles,
    status: {
      planned: (days: number) => `Откроется через ${days} ${plural(days, 'день', 'дня', 'дней')}`,
      open: 'Идёт сбор ответов',
      closed: 'Волна закрыта',
    },
    live: {
      on: 'Обновляется автоматически',
      off: 'Нет связи с сервером, переподключаемся…',
      updatedAt: (time: string) => `данные на ${time}`,
      refresh: 'Обновить',
    },
    export: { label: 'Выгрузить таблицу:', csv: 'CSV', xlsx: 'Excel' },
    headline: {
      atTarget: 'Школ достигли цели',
      atTargetOf: (at: number, total: number, target: string) => `${at} из ${total} · цель ${target} в каждой группе`,
      responses: 'Ответили',
      responsesOf: (expected: string) => `из ${expected} ожидаемых`,
      needed: 'Ещё нужно участников',
      neededHint: 'чтобы каждая школа достигла цели',
      neededNone: 'все школы достигли цели',
      days: 'До закрытия',
      daysValue: (days: number) => `${days} ${plural(days, 'день', 'дня', 'дней')}`,
      closesOn: (date: string) => `до ${date}`,
      closedOn: (date: string) => `закрыта ${date}`,
      opensOn: (date: string) => `откроется ${date}`,
      plannedNote: 'Волна ещё не открылась: ответов нет, показано, сколько участников понадобится.',
      closedNote: 'Волна закрыта: ответы больше не принимаются.',
    },
    flagsSummary: {
      over: (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')} с ответами сверх ожидаемого`,
      noPrincipal: (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')} без ответа директора`,
      fast: (n: number, seconds: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')} с ответами быстрее ${seconds} с`,
    },
    views: { chart: 'График', table: 'Таблица', label: 'Вид' },
    byRole: {
      title: 'Охват по группам участников',
      caption: 'Доля ответивших от ожидаемого числа по всей территории; пунктир — цель.',
      role: 'Группа',
      expected: 'Ожидается',
      responses: 'Ответили',
      rate: 'Охват',
      needed: 'Не хватает участников',
      target: 'Цель',
    },
    byMunicipality: {
      title: 'Сводка по муниципалитетам',
      caption: 'Доля школ, достигших цели, и охват по каждой группе.',
      municipality: 'Муниципалитет',
      schools: 'Школ',
      atTarget: 'Достигли цели',
      responses: 'Ответили',
      needed: 'Не хватает участников',
      show: (name: string) => `Показать школы: ${name}`,
      chartLabel: 'Доля школ, достигших цели',
      total: 'Всего',
    },
    distribution: {
      title: 'Школы по охвату',
      caption: 'Школы по самой отстающей группе участников.',
      bucket: 'Охват самой отстающей группы',
      schools: 'Школ',
      below: (from: string, to: string) => `${from}–${to}`,
      atTarget: (target: string) => `${target} и выше (цель)`,
    },
    schools: {
      title: 'Школы',
      search: 'Поиск по названию или коду',
      municipality: 'Муниципалитет',
      allMunicipalities: 'Все муниципалитеты',
      onlyLagging: 'Только не достигшие цели',
      flag: 'Замечания',
      flagNone: 'Все школы',
      flagOver: 'Ответов больше ожидаемого',
      flagNoPrincipal: 'Нет ответа директора',
      flagFast: 'Слишком быстрые ответы',
      school: 'Школа',
      needed: 'Не хватает участников',
      flags: 'Замечания',
      actions: 'Действия',
      sortBy: (column: string) => `Сортировать: ${column}`,
      count: (shown: number, total: number) => `Показано ${shown} из ${total}`,
      empty: 'Нет школ, подходящих под условия.',
      atTarget: 'Цель достигнута',
      more: (n: number) => `ещё ${n}`,
      nobodyExpected: 'не ожидается',
      badgeOver: '>100%',
      badgeOverTitle: (roles: string) => `Ответов больше, чем ожидалось: ${roles}. Проверьте численность в списке школ или не ушла ли ссылка за пределы школы.`,
      badgeNoPrincipal: 'Нет директора',
      badgeNoPrincipalTitle: 'Директор ещё не ответил на анкету.',
      badgeFast: (n: number) => `${n} ${plural(n, 'быстрый ответ', 'быстрых ответа', 'быстрых ответов')}`,
      badgeFastTitle: (seconds: number) => `Анкета заполнена быстрее ${seconds} секунд: ответы могли давать не читая вопросы.`,
      remind: 'Напоминание',
      prev: 'Назад',
      next: 'Дальше',
      page: (page: number, pages: number) => `Страница ${page} из ${pages}`,
    },
    reminder: {
      title: (school: string) => `Напоминание: ${school}`,
      intro: 'Текст готов к отправке в школу — по почте или в мессенджере. Ссылки и QR-коды ведут на анкеты этой школы.',
      loading: 'Готовим ссылки…',
      copy: 'Скопировать текст',
      copied: 'Скопировано',
      close: 'Закрыть',
      qrFor: (role: string) => `QR-код: ${role}`,
      downloadQr: 'Скачать QR-код',
      codesMode: 'отвечают по одноразовым кодам — раздайте оставшиеся коды',
      noLink: 'ссылки нет — обратитесь к администратору',
      text: (p: { school: string; wave: string; target: string; closes: string; missing: string; links: string }) =>
        `Здравствуйте!\n\n` +
        `${p.school}: в анкетировании «${p.wave}» пока ответили не все. ` +
        `Чтобы школа достигла цели (${p.target} в каждой группе участников), нужно ещё: ${p.missing}.\n\n` +
        `Анкеты открыты до ${p.closes}. Пожалуйста, передайте ссылки участникам:\n${p.links}\n\n` +
        `Анкету удобно заполнить с телефона. Спасибо!`,
      missingRole: (role: string, n: number) => `${role.toLowerCase()} — ${n}`,
      linkLine: (role: string, url: string) => `${role}: ${url}`,
    },
  },
};
