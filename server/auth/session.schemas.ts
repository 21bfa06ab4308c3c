import { Type, type Static } from '@fastify/type-provider-typebox';
import { AccountRole, Instant, Nullable } from '../shared/vocabulary.js';

const strict = { additionalProperties: false } as const;

/**
 * The logged-in account with its territory resolved: a school team also knows its municipality and region.
 * The server checks access with it and the client shows it, so it holds nothing the account's owner may not see.
 */
export const Principal = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: AccountRole,
    regionId: Nullable(Type.Integer()),
    municipalityId: Nullable(Type.Integer()),
    schoolId: Nullable(Type.Integer()),
    /** A curator's schools, assigned by its region; absent for every other role. */
    curatedSchoolIds: Type.Optional(Type.Array(Type.Integer())),
  },
  strict,
);
export type Principal = Static<typeof Principal>;

/** What login, a password change, an accepted invitation and /api/me answer: who is logged in, and the token changes need. */
export const Session = Type.Object(
  {
    user: Principal,
    csrfToken: Type.String({ minLength: 1 }),
    /** The account has not agreed to the current consent text: the client asks before anything else. */
    consentRequired: Type.Boolean(),
    /** The login before this session's, shown to the person so that someone else's login stands out. */
    previousLoginAt: Nullable(Instant),
    /** The zone the account's times are written in: its region's, or the default one for an administrator. */
    timeZone: Type.String(),
  },
  strict,
);
export type Session = Static<typeof Session>;

/** Whom an invitation link is for, shown before the password is set. */
export const InvitationView = Type.Object({ email: Type.String(), name: Type.String() }, strict);
export type InvitationView = Static<typeof InvitationView>;
