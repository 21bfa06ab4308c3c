import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const AuditQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  entity: Type.Optional(Type.String({ maxLength: 50 })),
});

/** The audit log, newest first, paged by id so a page never shifts while new entries arrive. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/audit', { schema: { querystring: AuditQuery }, config: { access: 'admin' } }, async (req) => {
    const { before, limit = 100, entity } = req.query;
    let query = app.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id as entityId', 'audit_log.details', 'users.email as userEmail'])
      .orderBy('audit_log.id', 'desc')
      .limit(limit);
    if (before) query = query.where('audit_log.id', '<', before);
    if (entity) query = query.where('audit_log.entity', '=', entity);
    const entries = await query.execute();
    return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1].id : null };
  });
};
