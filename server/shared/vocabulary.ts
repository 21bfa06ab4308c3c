import { Type, type Static, type TNumberOptions, type TSchema } from '@fastify/type-provider-typebox';
import { ROLES, type Role as RoleName } from './roles.js';
import { REGION_ONLY_PERMISSIONS, TOKEN_PERMISSIONS } from './rules/service-tokens.js';

/**
 * The shapes every feature's route schemas speak in: ids, moments, roles, levels, references to a wave or a
 * school. A feature composes its own request and response schemas from these and declares none of them again.
 */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// Numbers from a path, a query or a body.
//
// Ajv's type coercion turns the strings "1e400" and "Infinity" into Infinity and then skips every range check
// (ajv-validator/ajv#2212), so such a number would reach a query. The type stated once more, after the
// coercion, refuses whatever is not a finite number.

export const IntegerIn = (minimum: number, maximum: number, options: TNumberOptions = {}) =>
  Type.Integer({ ...options, minimum, maximum, allOf: [{ type: 'integer' }] });

export const NumberIn = (options: TNumberOptions) => Type.Number({ ...options, allOf: [{ type: 'number' }] });

/** The largest PostgreSQL `integer`: every id column is one. */
export const INT4_MAX = 2_147_483_647;

/** A row's id as a request names it: anything outside PostgreSQL's integer is refused before it reaches a query. */
export const Id = IntegerIn(1, INT4_MAX);

export const IdParams = Type.Object({ id: Id });
export const SchoolParams = Type.Object({ schoolId: Id });
export const WaveParams = Type.Object({ waveId: Id });
export const WaveSchoolParams = Type.Object({ waveId: Id, schoolId: Id });

/**
 * A moment, ISO 8601 with its offset (what `Date.toISOString` writes). A request may name only one from 2000
 * to 2100 with seconds 00–59: the format alone lets through year 0, which PostgreSQL has not, and a leap second,
 * which JavaScript's Date cannot read; a survey platform has no use for either.
 */
export const Instant = Type.String({
  format: 'date-time',
  pattern: '^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-5][0-9](\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$',
});

/** `{ ok: true }`: a change that has nothing else to say. */
export const Done = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });
export type Done = Static<typeof Done>;

/** A respondent role of a school; `ROLES` gives their order. */
export const Role = Type.Enum(ROLES);
export type Role = RoleName;

/** An object with one property per respondent role, in `ROLES` order. */
export function perRole<T extends TSchema>(schema: T) {
  return Type.Object(Object.fromEntries(ROLES.map((role) => [role, schema])) as Record<RoleName, T>);
}

/** What a staff account is: its role decides which territory it sees. */
export const AccountRole = Type.Enum(['admin', 'region', 'municipality', 'school', 'curator', 'security']);
export type AccountRole = Static<typeof AccountRole>;

/** What a service token may do; the list lives in rules/ so that the administrator's form reads the same one. */
export const TokenPermission = Type.Enum(TOKEN_PERMISSIONS);
export type TokenPermission = Static<typeof TokenPermission>;
export { REGION_ONLY_PERMISSIONS, TOKEN_PERMISSIONS };

/**
 * Where an antirisk programme stands. A school team drafts and submits it; its curator (or a coordinator of the region,
 * or the administrator) returns it with remarks or approves it; a returned programme is corrected and submitted again.
 */
export const PROGRAMME_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const ProgrammeState = Type.Enum(PROGRAMME_STATES);
export type ProgrammeState = Static<typeof ProgrammeState>;

/** A measure's own status; «overdue» is not stored but read from the deadline (a measure not done after it). */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done'] as const;
export const MeasureStatus = Type.Enum(MEASURE_STATUSES);
export type MeasureStatus = Static<typeof MeasureStatus>;

/** The steps of a programme's history. */
export const PROGRAMME_EVENTS = ['created', 'submitted', 'returned', 'resubmitted', 'approved'] as const;
export const ProgrammeEventAction = Type.Enum(PROGRAMME_EVENTS);
export type ProgrammeEventAction = Static<typeof ProgrammeEventAction>;

/** What a curator's visit is for; a lesson observation carries a structured protocol. */
export const VISIT_KINDS = ['consultation', 'lesson_observation', 'document_review', 'other'] as const;
export const VisitKind = Type.Enum(VISIT_KINDS);
export type VisitKind = Static<typeof VisitKind>;

/** How a role of a wave reaches its questionnaire: one open link per school, or single-use codes. */
export const AccessMode = Type.Enum(['open', 'codes']);
export type AccessMode = Static<typeof AccessMode>;

/** How each role of a wave is reached: open links or single-use codes. */
export const AccessModes = perRole(AccessMode);
export type AccessModes = Static<typeof AccessModes>;

/** A link is a school × role's open link, or one respondent's single-use code. */
export const LinkKind = Type.Enum(['open', 'code']);
export type LinkKind = Static<typeof LinkKind>;

/** Where a wave stands by the database clock: not open yet, accepting answers, or over. */
export const WaveStatus = Type.Enum(['planned', 'open', 'closed']);
export type WaveStatus = Static<typeof WaveStatus>;

/** A risk factor's level; `insufficient` when too little of its weight has data to say (docs/methodology.md §2). */
export const Level = Type.Enum(['low', 'medium', 'high', 'insufficient']);
export type Level = Static<typeof Level>;

export const ModelRef = Type.Object({ id: Type.String(), title: Type.String() });

export const SchoolRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
export type SchoolRef = Static<typeof SchoolRef>;

/** A school with the municipality it belongs to, for lists that group or filter schools by it. */
export const SchoolInMunicipality = Type.Object({ ...SchoolRef.properties, municipality: Type.Object({ id: Type.Integer(), name: Type.String() }) });
export type SchoolInMunicipality = Static<typeof SchoolInMunicipality>;

/** A calendar day, `YYYY-MM-DD`, of a region's time zone (a wave's first or last day). */
export const Day = Type.String({ pattern: '^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', examples: ['2027-04-01'] });

/** An IANA time zone name, e.g. `Asia/Vladivostok`. */
export const TimeZone = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$', examples: ['Europe/Moscow'] });

export const WaveRef = Type.Object({ id: Type.Integer(), title: Type.String() });

/** A wave as a page heads it: when it runs and the participation it aims at. */
export const WaveTerms = Type.Object({
  ...WaveRef.properties,
  opensAt: Instant,
  closesAt: Instant,
  target: Type.Number(),
  /** The region's zone: every date and time of the wave is written in it. */
  timeZone: TimeZone,
});
export type WaveTerms = Static<typeof WaveTerms>;

/** A wave row as the database gives it (the columns of `waves` that name its terms). */
export interface WaveTermsRow {
  id: number;
  title: string;
  opens_at: Date;
  closes_at: Date;
  target: number;
  time_zone: string;
}

export function waveTerms(wave: WaveTermsRow): WaveTerms {
  return {
    id: wave.id,
    title: wave.title,
    opensAt: new Date(wave.opens_at).toISOString(),
    closesAt: new Date(wave.closes_at).toISOString(),
    target: wave.target,
    timeZone: wave.time_zone,
  };
}
