import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { AUDIT_PAGE_SIZE, AuditPage, AuditQuery, type AuditEntry } from './audit.schemas.js';

/** The audit log, newest first, paged by id so a page never shifts while new entries arrive. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/audit', { schema: { querystring: AuditQuery, response: { 200: AuditPage } }, config: { access: 'admin' } }, async (req) => {
    const { before, limit = AUDIT_PAGE_SIZE, entity } = req.query;
    let query = app.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .leftJoin('service_tokens', 'service_tokens.id', 'audit_log.token_id')
      .leftJoin('users as subject', (join) => join.on('audit_log.entity', '=', 'user').onRef('audit_log.entity_id', '=', sql`subject.id::text`))
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.entity',
        'audit_log.entity_id as entityId',
        'audit_log.details',
        'audit_log.user_id as userId',
        sql<string | null>`coalesce(nullif(users.name, ''), users.email)`.as('userName'),
        sql<string | null>`coalesce(nullif(subject.name, ''), subject.email)`.as('subjectName'),
        'service_tokens.name as tokenName',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(limit);
    if (before) query = query.where('audit_log.id', '<', before);
    if (entity) query = query.where('audit_log.entity', '=', entity);
    const rows = await query.execute();
    const entries = rows.map((row) => ({ ...row, at: row.at.toISOString(), details: row.details as AuditEntry['details'] }));
    return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1].id : null };
  });
};
