import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audit } from '../../audit/log.js';
import { auditExport } from '../../audit/reads.js';
import { staffPrincipal } from '../../auth/hooks.js';
import { attachmentResponse, sendAttachment } from '../../exports/attachment.js';
import { badRequest } from '../../shared/errors.js';
import { auditActionLabel, auditEntityLabel } from '../../shared/rules/audit-wording.js';
import { auditCsv } from './audit-csv.js';
import { auditEntries, auditTimeZone } from './audit.repository.js';
import { AUDIT_EXPORT_MAX_ROWS, AUDIT_PAGE_SIZE, AuditFilters, AuditPage, AuditQuery, type AuditEntry } from './audit.schemas.js';

const toEntry = (row: { at: Date; details: unknown } & Omit<AuditEntry, 'at' | 'details'>): AuditEntry => ({
  ...row,
  at: row.at.toISOString(),
  details: row.details as AuditEntry['details'],
});

const FILTER_LABELS: Record<keyof AuditFilters, string> = {
  from: 'С даты',
  to: 'По дату',
  action: 'Действие',
  entity: 'Объект',
  user: 'Кто',
  text: 'Текст в подробностях',
};

/** The filters a request used, for the record of who looked at what. */
function filtersOf(query: AuditFilters) {
  const { from, to, action, entity, user, text } = query;
  return Object.fromEntries(Object.entries({ from, to, action, entity, user, text }).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/**
 * The audit log, newest first, paged by id so a page never shifts while new entries arrive. Read by the administrator
 * and the security administrator; every reading is itself recorded, so nobody reads the log unseen.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/audit', { schema: { querystring: AuditQuery, response: { 200: AuditPage } }, config: { access: 'audit' } }, async (req) => {
    const { before, limit = AUDIT_PAGE_SIZE } = req.query;
    const zone = await auditTimeZone(app.db);
    let query = auditEntries(app.db, req.query, zone).limit(limit);
    if (before) query = query.where('audit_log.id', '<', before);
    const entries = (await query.execute()).map(toEntry);
    const principal = staffPrincipal(req);
    await audit(app.db, {
      userId: principal.id,
      action: 'audit.view',
      entity: 'audit_log',
      details: { ...filtersOf(req.query), ...(before ? { before } : {}), rows: entries.length },
    });
    return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null, timeZone: zone };
  });

  app.get(
    '/api/admin/audit.csv',
    { schema: { querystring: AuditFilters, response: attachmentResponse('csv') }, config: { access: 'audit' } },
    async (req, reply) => {
      const zone = await auditTimeZone(app.db);
      const rows = await auditEntries(app.db, req.query, zone)
        .limit(AUDIT_EXPORT_MAX_ROWS + 1)
        .execute();
      if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
        throw badRequest('export_too_large', `More than ${AUDIT_EXPORT_MAX_ROWS} entries; narrow the period`);
      }
      const generatedAt = new Date();
      const filters = filtersOf(req.query);
      const filterLines = Object.entries(filters).map(([key, value]): [string, string] => [
        FILTER_LABELS[key as keyof AuditFilters],
        key === 'action' ? auditActionLabel(value) : key === 'entity' ? auditEntityLabel(value) : value,
      ]);
      const body = auditCsv(rows.map(toEntry), zone, generatedAt, filterLines);
      await auditExport(app.db, req, { kind: 'audit_log', format: 'csv', entity: 'audit_log', details: { ...filters, rows: rows.length } });
      return sendAttachment(reply, { format: 'csv', filename: `audit-${generatedAt.toISOString().slice(0, 10)}.csv`, body });
    },
  );
};
