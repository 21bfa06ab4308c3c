import { Type, type Static } from '@fastify/type-provider-typebox';
import { Day, Id, Instant, Nullable, VisitKind } from '../shared/vocabulary.js';

const strict = { additionalProperties: false } as const;

export const CuratorView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  regionId: Type.Integer(),
  /** The schools assigned to the curator that the caller sees. */
  schools: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
});
export type CuratorView = Static<typeof CuratorView>;

/** A school a curator may be given: one of the caller's territory, with its municipality and region. */
export const AssignableSchool = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  municipality: Type.String(),
  /** A curator takes schools of its own region only; an administrator's list spans every region. */
  regionId: Type.Integer(),
});
export type AssignableSchool = Static<typeof AssignableSchool>;

export const CuratorSchoolsBody = Type.Object({ schoolIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }) }, strict);

/**
 * What a visit's protocol holds. For a lesson observation: the class and subject, and what was seen against the
 * school's priority risks, one note per risk (or a general one).
 */
export const VisitProtocol = Type.Object(
  {
    lessonClass: Type.Optional(Type.String({ maxLength: 20 })),
    subject: Type.Optional(Type.String({ maxLength: 100 })),
    observations: Type.Array(
      Type.Object({ factorId: Nullable(Type.String({ maxLength: 100 })), note: Type.String({ minLength: 1, maxLength: 2000 }) }, strict),
      { maxItems: 20 },
    ),
  },
  strict,
);
export type VisitProtocol = Static<typeof VisitProtocol>;

export const NewVisit = Type.Object({ plannedOn: Day, kind: VisitKind, purpose: Type.String({ minLength: 1, maxLength: 1000 }) }, strict);
export type NewVisit = Static<typeof NewVisit>;

export const VisitReport = Type.Object(
  {
    plannedOn: Day,
    kind: VisitKind,
    purpose: Type.String({ minLength: 1, maxLength: 1000 }),
    /** The day it took place; null while it is still planned. */
    madeOn: Nullable(Day),
    protocol: VisitProtocol,
    conclusions: Type.String({ maxLength: 4000 }),
  },
  strict,
);
export type VisitReport = Static<typeof VisitReport>;

export const Visit = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  curatorId: Type.Integer(),
  curator: Type.String(),
  plannedOn: Day,
  madeOn: Nullable(Day),
  kind: VisitKind,
  purpose: Type.String(),
  protocol: VisitProtocol,
  conclusions: Type.String(),
  updatedAt: Instant,
  /** Whether the caller may change it: the curator who planned it. */
  editable: Type.Boolean(),
});
export type Visit = Static<typeof Visit>;

export const SchoolVisits = Type.Object({
  visits: Type.Array(Visit),
  /** Whether the caller may plan a visit here: a curator of the school. */
  mayPlan: Type.Boolean(),
});
export type SchoolVisits = Static<typeof SchoolVisits>;

export const VisitParams = Type.Object({ visitId: Id });
