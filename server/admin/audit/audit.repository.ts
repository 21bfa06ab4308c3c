import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AuditFilters } from './audit.schemas.js';

/** An installation serves one region as a rule: its zone; several regions in several zones: Moscow time. */
export async function auditTimeZone(db: Db): Promise<string> {
  const zones = await db.selectFrom('regions').select('time_zone').distinct().limit(2).execute();
  return zones.length === 1 ? zones[0]!.time_zone : 'Europe/Moscow';
}

/** `%` and `_` typed in a filter are letters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The log narrowed by the filters, newest first; the days of the period are read in `zone`. */
export function auditEntries(db: Db, filters: AuditFilters, zone: string) {
  let query = db
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
      // The current name, the e-mail when there is none: the log keeps ids, so an anonymised account reads as such.
      sql<string | null>`coalesce(nullif(users.name, ''), users.email)`.as('userName'),
      sql<string | null>`coalesce(nullif(subject.name, ''), subject.email)`.as('subjectName'),
      'service_tokens.name as tokenName',
    ])
    .orderBy('audit_log.id', 'desc');
  const { from, to, action, entity, user, text } = filters;
  if (from) query = query.where('audit_log.at', '>=', sql<Date>`(${from}::date)::timestamp at time zone ${zone}`);
  if (to) query = query.where('audit_log.at', '<', sql<Date>`(${to}::date + 1)::timestamp at time zone ${zone}`);
  if (action) query = query.where('audit_log.action', '=', action);
  if (entity) query = query.where('audit_log.entity', '=', entity);
  if (user) {
    const pattern = likePattern(user);
    query = query.where((eb) => eb.or([eb('users.email', 'ilike', pattern), eb('users.name', 'ilike', pattern), eb('service_tokens.name', 'ilike', pattern)]));
  }
  if (text) query = query.where(sql`audit_log.details::text`, 'ilike', likePattern(text));
  return query;
}
