import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Instant, IntegerIn, Nullable } from '../../shared/vocabulary.js';

export const AUDIT_PAGE_SIZE = 100;

export const AuditQuery = Type.Object({
  /** The smallest id of the page before: the next page holds the entries older than it. */
  before: Type.Optional(Id),
  limit: Type.Optional(IntegerIn(1, 500, { default: AUDIT_PAGE_SIZE })),
  entity: Type.Optional(Type.String({ maxLength: 50 })),
});

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Instant,
  /** A stable code such as `wave.create`; the UI words it. */
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  /** What changed, as the action recorded it. */
  details: Type.Record(Type.String(), Type.Unknown()),
  /** The account that acted: null for changes the system made itself, or a service token made. */
  userId: Nullable(Type.Integer()),
  /**
   * Its current name (its e-mail when it has none). The log keeps only the id, so a corrected name shows everywhere,
   * and an anonymised account reads «Удалённый пользователь №N».
   */
  userName: Nullable(Type.String()),
  /** For an entry about an account (entity `user`), that account's current name, resolved the same way. */
  subjectName: Nullable(Type.String()),
  /** The name of the service token that acted. */
  tokenName: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: Nullable(Type.Integer()),
});
export type AuditPage = Static<typeof AuditPage>;
