import { useEffect, useState } from 'react';
import type { AuditEntry as Entry, AuditPage as Page } from '../../../../server/admin/audit/audit.schemas';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { dateTime, zoneLabel } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { listRegions } from '../roster/api';
import './audit.css';

const s = {
  title: 'Журнал изменений',
  intro: 'Кто и когда менял список школ, волны, ссылки и учётные записи.',
  when: 'Когда',
  zone: (zone: string) => `Время — ${zone}.`,
  who: 'Кто',
  what: 'Действие',
  details: 'Подробности',
  more: 'Показать ещё',
  system: 'система',
  token: (name: string) => `токен API «${name}»`,
  loading: 'Загружаем журнал…',
  empty: 'Записей пока нет: они появятся, когда кто-нибудь изменит список школ, волны, ссылки или учётные записи.',
};

/** The server's audit action codes in words; a code added later shows as it is until it gets its words here. */
const actions: Record<string, string> = {
  'account.create': 'Создана учётная запись',
  'account.invite': 'Отправлено приглашение',
  'invitation.accept': 'Приглашение принято, пароль задан',
  'password.change': 'Изменён пароль',
  'account.update': 'Изменена учётная запись',
  'account.disable': 'Учётная запись отключена',
  'account.enable': 'Учётная запись включена',
  'account.anonymise': 'Учётная запись обезличена',
  'account.self_update': 'Пользователь исправил свои данные',
  'consent.give': 'Дано согласие на обработку персональных данных',
  'region.create': 'Добавлен регион',
  'region.update': 'Изменён часовой пояс региона',
  'roster.import': 'Загружен список школ',
  'context.import': 'Загружен контекст школ (показатели или результаты)',
  'wave.create': 'Создана волна',
  'wave.update': 'Изменена волна',
  'wave.access_mode': 'Изменён способ доступа к анкете',
  'wave.links_sync': 'Созданы ссылки волны',
  'link.replace': 'Ссылка заменена новой',
  'priorities.update': 'Изменены приоритеты школы',
  'model.derive': 'Принята новая версия модели риска',
  'token.create': 'Выдан токен API',
  'token.revoke': 'Токен API отозван',
  'token.use': 'Запрос по токену API',
  'token.refused': 'Запрос по токену API отклонён',
  'translation.confirm': 'Подтверждён перевод анкеты',
};

export function AuditPage() {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (before?: number) =>
    api<Page>(`/api/admin/audit${before ? `?before=${before}` : ''}`).then(
      (page) => {
        setEntries((old) => (before ? [...(old ?? []), ...page.entries] : page.entries));
        setNext(page.nextBefore);
      },
      (e) => setError(errorText(e)),
    );
  useEffect(() => void load(), []);
  const regions = useLoad(listRegions, 'regions');
  // An installation serves one region as a rule: its zone; several regions in several zones: Moscow time, named.
  const zones = new Set(regions.data?.map((r) => r.timeZone));
  const zone = zones.size === 1 ? [...zones][0]! : 'Europe/Moscow';

  return (
    <section>
      <h1>{s.title}</h1>
      <p className="muted">
        {s.intro} {s.zone(zoneLabel(zone))}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="table-scroll" role="region" tabIndex={0} aria-label={s.title}>
        <table>
          <thead>
            <tr>
              <th>{s.when}</th>
              <th>{s.who}</th>
              <th>{s.what}</th>
              <th>{s.details}</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.id}>
                <td className="audit-when">{dateTime(e.at, zone)}</td>
                <td>{e.userName ?? (e.tokenName !== null ? s.token(e.tokenName) : s.system)}</td>
                <td>
                  {actions[e.action] ?? <code>{e.action}</code>}
                  {e.entityId ? ` (№ ${e.entityId}${e.subjectName ? `, ${e.subjectName}` : ''})` : ''}
                </td>
                <td>
                  <code className="audit-details">{JSON.stringify(e.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries === null && !error && <p className="muted">{s.loading}</p>}
      {entries?.length === 0 && <p className="muted">{s.empty}</p>}
      {next && (
        <button type="button" className="audit-more" onClick={() => void load(next)}>
          {s.more}
        </button>
      )}
    </section>
  );
}
