import { Type, type Static } from '@fastify/type-provider-typebox';
import { SCHOOL_FLAGS } from '../shared/rules/participation-filter.js';
import { AccessMode, Instant, Nullable, perRole, Role, SchoolRef, TimeZone, WaveStatus } from '../shared/vocabulary.js';

/** A share in [0, ∞): above 1 is possible and shown as it is; null when nobody is expected. */
const Rate = Nullable(Type.Number());

export const RoleFigures = Type.Object({
  /** The roster's expected respondents. */
  expected: Type.Integer(),
  /** Of them, those who refused the survey (docs/methodology.md §3): shown beside the rate, never hidden in it. */
  refused: Type.Integer(),
  responses: Type.Integer(),
  /** responses / (expected − refused). */
  rate: Rate,
  /** Respondents still missing for the target: ceil(target · (expected − refused)) − responses, never below 0. */
  needed: Type.Integer(),
  /** Counted answers that carry a mark: straightlined, or marked and accepted by a coordinator. */
  marked: Type.Integer(),
  /** Marked answers held back from the figures until a coordinator decides. */
  held: Type.Integer(),
  /** Marked answers a coordinator excluded. */
  excluded: Type.Integer(),
  /** Of `responses`, the answers typed in from paper questionnaires. */
  paper: Type.Integer(),
});
export type RoleFigures = Static<typeof RoleFigures>;

export const SchoolParticipation = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  municipalityId: Type.Integer(),
  roles: perRole(RoleFigures),
  /** Every role with expected > 0 has rate ≥ target (docs/methodology.md §3). */
  meetsTarget: Type.Boolean(),
  needed: Type.Integer(),
  flags: Type.Object({
    /** Roles with more responses than expected − refused: a roster error, a link shared outside the school, or refusals overstated. */
    overExpected: Type.Array(Role),
    noPrincipal: Type.Boolean(),
    /** Roles with marked answers awaiting a coordinator's decision. */
    awaitingDecision: Type.Array(Role),
    /** Roles at the target only thanks to marked answers: without them they would be short of it. */
    thanksToMarked: Type.Array(Role),
  }),
});
export type SchoolParticipation = Static<typeof SchoolParticipation>;

/** The figures of a set of schools: the whole territory or one municipality. */
export const AreaParticipation = Type.Object({
  schools: Type.Integer(),
  schoolsAtTarget: Type.Integer(),
  shareAtTarget: Rate,
  expected: Type.Integer(),
  refused: Type.Integer(),
  responses: Type.Integer(),
  /** Of `responses`, the answers typed in from paper questionnaires. */
  paper: Type.Integer(),
  needed: Type.Integer(),
  /** Respondent-weighted: Σ responses / Σ (expected − refused) of each role. */
  roles: perRole(RoleFigures),
});
export type AreaParticipation = Static<typeof AreaParticipation>;

export const MunicipalityParticipation = Type.Object({ id: Type.Integer(), name: Type.String(), ...AreaParticipation.properties });

export const ParticipationReport = Type.Object({
  wave: Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    opensAt: Instant,
    closesAt: Instant,
    timeZone: TimeZone,
    target: Type.Number(),
    status: WaveStatus,
    /** Days of the region's calendar until the wave closes, today included; 0 once it has closed. */
    daysLeft: Type.Integer(),
    /** Days of the region's calendar until the first day; null unless the wave is planned. */
    daysToOpen: Nullable(Type.Integer()),
  }),
  generatedAt: Instant,
  territory: AreaParticipation,
  municipalities: Type.Array(MunicipalityParticipation),
  /** Lagging schools first, the most respondents missing first. */
  schools: Type.Array(SchoolParticipation),
});
export type ParticipationReport = Static<typeof ParticipationReport>;

/** The table's filters an export applies: the same rows as the screen shows. */
export const ParticipationExportQuery = Type.Object(
  {
    municipalityId: Type.Optional(Type.Integer({ minimum: 1 })),
    search: Type.Optional(Type.String({ maxLength: 200 })),
    lagging: Type.Optional(Type.Boolean()),
    flag: Type.Optional(Type.Union(SCHOOL_FLAGS.map((flag) => Type.Literal(flag)))),
  },
  { additionalProperties: false },
);
export type ParticipationExportQuery = Static<typeof ParticipationExportQuery>;

/** What a coordinator sends a lagging school: the open link of each role with its QR code. */
export const SchoolLinks = Type.Object({
  school: SchoolRef,
  roles: Type.Array(
    Type.Object({
      role: Role,
      mode: AccessMode,
      /** Null when the role answers by single-use codes, or the school has no open link yet. */
      url: Nullable(Type.String()),
      /** An SVG data URL of the QR code of `url`. */
      qr: Nullable(Type.String()),
    }),
  ),
});
export type SchoolLinks = Static<typeof SchoolLinks>;
