import type { Db } from '../db/connect.js';

const HOUR = 3600 * 1000;

export const DEMO_SECURITY = 'security@demo.local';

/**
 * A few days of the audit log as the security administrator would find it: sign-ins, a mistyped password, an export
 * and a look at the respondents' links, so the audit screen and its filters have something to show on first start.
 */
export async function seedAuditHistory(db: Db, now: Date, ids: { adminId: number; regionalId: number; teamId: number; waveId: number; schoolId: number }) {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const rows = [
    { at: at(50), user_id: ids.regionalId, action: 'auth.login', entity: 'user', entity_id: String(ids.regionalId), details: { ip: '10.0.0.21' } },
    {
      at: at(49.5),
      user_id: ids.regionalId,
      action: 'export',
      entity: 'wave',
      entity_id: String(ids.waveId),
      details: { kind: 'participation', format: 'xlsx' },
    },
    {
      at: at(30),
      user_id: null,
      action: 'auth.login_failed',
      entity: 'user',
      entity_id: String(ids.teamId),
      details: { reason: 'wrong_password', ip: '10.0.0.57' },
    },
    { at: at(29.9), user_id: ids.teamId, action: 'auth.login', entity: 'user', entity_id: String(ids.teamId), details: { ip: '10.0.0.57' } },
    { at: at(26), user_id: ids.adminId, action: 'auth.login', entity: 'user', entity_id: String(ids.adminId), details: { ip: '10.0.0.2' } },
    {
      at: at(25.8),
      user_id: ids.adminId,
      action: 'links.view',
      entity: 'wave',
      entity_id: String(ids.waveId),
      details: { kind: 'qr_sheet', schoolId: ids.schoolId },
    },
    { at: at(25.5), user_id: ids.adminId, action: 'auth.logout', entity: 'user', entity_id: String(ids.adminId), details: {} },
    { at: at(3), user_id: null, action: 'auth.login_failed', entity: 'user', entity_id: null, details: { reason: 'unknown_account', ip: '203.0.113.9' } },
  ];
  await db
    .insertInto('audit_log')
    .values(rows.map((row) => ({ ...row, details: JSON.stringify(row.details) })))
    .execute();
}
