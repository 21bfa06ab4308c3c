import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { ROLES, type Role } from '../shared/roles.js';
import { AccessModeSchema, RoleSchema } from '../admin/links/links.schemas.js';

function perRole<T extends TSchema>(schema: T) {
  return Type.Object(Object.fromEntries(ROLES.map((role) => [role, schema])) as Record<Role, T>);
}

/** A share in [0, ∞): above 1 is possible and shown as it is; null when nobody is expected. */
const Rate = Type.Union([Type.Number(), Type.Null()]);

export const WaveStatusSchema = Type.Union([Type.Literal('planned'), Type.Literal('open'), Type.Literal('closed')]);

export const RoleFigures = Type.Object({
  expected: Type.Integer(),
  responses: Type.Integer(),
  rate: Rate,
  /** Respondents still missing for the target: ceil(target · expected) − responses, never below 0. */
  needed: Type.Integer(),
});
export type RoleFigures = Static<typeof RoleFigures>;

export const SchoolParticipation = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  municipalityId: Type.Integer(),
  roles: perRole(RoleFigures),
  /** Every role with expected > 0 has rate ≥ target (METHODOLOGY §3). */
  meetsTarget: Type.Boolean(),
  needed: Type.Integer(),
  flags: Type.Object({
    /** Roles with more responses than expected respondents: a roster error or a link shared outside the school. */
    overExpected: Type.Array(RoleSchema),
    noPrincipal: Type.Boolean(),
    /** Responses filled in faster than `fastThresholdSeconds`. */
    fastResponses: Type.Integer(),
  }),
});
export type SchoolParticipation = Static<typeof SchoolParticipation>;

/** The figures of a set of schools: the whole territory or one municipality. */
export const AreaParticipation = Type.Object({
  schools: Type.Integer(),
  schoolsAtTarget: Type.Integer(),
  shareAtTarget: Rate,
  expected: Type.Integer(),
  responses: Type.Integer(),
  needed: Type.Integer(),
  /** Respondent-weighted: Σ responses / Σ expected of each role. */
  roles: perRole(RoleFigures),
});
export type AreaParticipation = Static<typeof AreaParticipation>;

export const MunicipalityParticipation = Type.Object({ id: Type.Integer(), name: Type.String(), ...AreaParticipation.properties });

export const ParticipationReport = Type.Object({
  wave: Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
    target: Type.Number(),
    status: WaveStatusSchema,
    /** Whole days until the wave closes, rounded up; 0 once it has closed. */
    daysLeft: Type.Integer(),
    /** Whole days until the wave opens, rounded up; null unless it is planned. */
    daysToOpen: Type.Union([Type.Integer(), Type.Null()]),
  }),
  generatedAt: Type.String({ format: 'date-time' }),
  fastThresholdSeconds: Type.Integer(),
  territory: AreaParticipation,
  municipalities: Type.Array(MunicipalityParticipation),
  /** Lagging schools first, the most respondents missing first. */
  schools: Type.Array(SchoolParticipation),
});
export type ParticipationReport = Static<typeof ParticipationReport>;

export const WaveParams = Type.Object({ waveId: Type.Integer({ minimum: 1 }) });
export const WaveSchoolParams = Type.Object({ waveId: Type.Integer({ minimum: 1 }), schoolId: Type.Integer({ minimum: 1 }) });

/** What a coordinator sends a lagging school: the open link of each role with its QR code. */
export const SchoolLinks = Type.Object({
  school: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  roles: Type.Array(
    Type.Object({
      role: RoleSchema,
      mode: AccessModeSchema,
      /** Null when the role answers by single-use codes, or the school has no open link yet. */
      url: Type.Union([Type.String(), Type.Null()]),
      /** An SVG data URL of the QR code of `url`. */
      qr: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type SchoolLinks = Static<typeof SchoolLinks>;
