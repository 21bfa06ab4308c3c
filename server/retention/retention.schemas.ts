import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, IntegerIn, INT4_MAX, TimeZone, WaveStatus } from '../shared/vocabulary.js';

const Bound = Type.Object({ min: Type.Integer(), max: Type.Integer() });

export const RetentionBody = Type.Object(
  {
    // Any integer PostgreSQL holds, so that a period outside the legal bounds gets its own clear answer.
    answersMonths: IntegerIn(-INT4_MAX, INT4_MAX),
    accountsDays: IntegerIn(-INT4_MAX, INT4_MAX),
  },
  { additionalProperties: false },
);
export type RetentionBody = Static<typeof RetentionBody>;

/** A wave as the retention page lists it: when its answers go, or went. */
export const RetentionWave = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  regionName: Type.String(),
  closesAt: Instant,
  timeZone: TimeZone,
  status: WaveStatus,
  /** The wave's end plus the answers' period; null while it has not ended. */
  answersDueAt: Type.Union([Instant, Type.Null()]),
  answersPurgedAt: Type.Union([Instant, Type.Null()]),
});

export type RetentionWave = Static<typeof RetentionWave>;

export const RetentionRunView = Type.Object({
  waves: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), answersDeleted: Type.Integer() })),
  accountsAnonymised: Type.Union([Type.Integer(), Type.Null()]),
});

export type RetentionRunView = Static<typeof RetentionRunView>;

export const RetentionView = Type.Object({
  answersMonths: Type.Integer(),
  accountsDays: Type.Integer(),
  bounds: Type.Object({ answersMonths: Bound, accountsDays: Bound }),
  /** The audit log's least period; the application never deletes it. */
  auditMonths: Type.Integer(),
  updatedAt: Instant,
  /** The job's last run on any instance, from the audit log; null before the first. */
  lastRunAt: Type.Union([Instant, Type.Null()]),
  waves: Type.Array(RetentionWave),
});

export type RetentionView = Static<typeof RetentionView>;

export const DeleteWaveBody = Type.Object(
  {
    /** The wave's title typed by the administrator: a deletion cannot happen by a stray click. */
    confirmTitle: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);

export const DeletedWave = Type.Object({ id: Type.Integer(), answersDeleted: Type.Integer(), linksDeleted: Type.Integer() });
