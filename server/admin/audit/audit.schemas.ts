import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Instant, IntegerIn, Nullable } from '../../shared/vocabulary.js';

export const AUDIT_PAGE_SIZE = 100;
/** The most rows one CSV holds: a year of a region's log; a longer period is exported in parts. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const Day = Type.String({ format: 'date', pattern: '^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$' });

/** What the log is narrowed to; every field optional, all of them together (AND). */
export const AuditFilters = Type.Object(
  {
    /** The first day of the period, in the log's time zone (`timeZone` of a page). */
    from: Type.Optional(Day),
    /** The last day of the period, included. */
    to: Type.Optional(Day),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    /** Part of the acting account's e-mail or of the service token's name. */
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    /** Text anywhere in the details. */
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuditFilters = Static<typeof AuditFilters>;

export const AuditQuery = Type.Object(
  {
    ...AuditFilters.properties,
    /** The smallest id of the page before: the next page holds the entries older than it. */
    before: Type.Optional(Id),
    limit: Type.Optional(IntegerIn(1, 500, { default: AUDIT_PAGE_SIZE })),
  },
  { additionalProperties: false },
);

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
  /** The zone the period's days and the moments are read in: the region's, or Moscow's when regions differ. */
  timeZone: Type.String(),
});
export type AuditPage = Static<typeof AuditPage>;
