import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditActorLabel, auditDetailLines } from '../../server/shared/rules/audit-wording.js';
import { EXPORT_KINDS, LINK_VIEW_KINDS } from '../../server/audit/reads.js';

describe('the audit log in words', () => {
  it('words known details in a fixed order, whatever order the database kept', () => {
    expect(auditDetailLines({ ip: '10.0.0.1', reason: 'wrong_password' })).toEqual(['Причина: неверный пароль', 'IP-адрес: 10.0.0.1']);
    expect(auditDetailLines({ timeZone: { before: 'Europe/Moscow', after: 'Asia/Omsk' } })).toEqual(['Часовой пояс: Europe/Moscow → Asia/Omsk']);
    expect(auditDetailLines({ schoolIds: [3, 5], role: 'parent', waveId: 7 })).toEqual(['Волна №: 7', 'Школы №: 3, 5', 'Роль: родители']);
  });

  it('falls back to key: value lines for what it does not know, never to JSON', () => {
    expect(auditDetailLines({ zeta: true, alpha: { inner: 'x', other: null } })).toEqual(['alpha: inner: x; other: —', 'zeta: да']);
    expect(auditActionLabel('new.thing')).toBe('new.thing');
  });

  it('has words for every kind of export and of links view', () => {
    for (const kind of [...EXPORT_KINDS, ...LINK_VIEW_KINDS]) expect(auditDetailLines({ kind })[0], kind).not.toBe(`Что: ${kind}`);
  });

  it('names who acted, and nobody for a failed login', () => {
    expect(auditActorLabel({ action: 'auth.login_failed', userName: null, tokenName: null })).toBe('без входа');
    expect(auditActorLabel({ action: 'wave.create', userName: null, tokenName: null })).toBe('система');
    expect(auditActorLabel({ action: 'token.use', userName: null, tokenName: 'ИС' })).toBe('токен API «ИС»');
  });
});
