import { Type, type Static } from '@fastify/type-provider-typebox';
import type { AccountRole as AccountRoleColumn } from '../db/schema.js';

const strict = { additionalProperties: false } as const;
const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Id, Type.Null()]);

export const AccountRole = Type.Union([Type.Literal('admin'), Type.Literal('region'), Type.Literal('municipality'), Type.Literal('school')]);

// Fails to compile if the schema and the `users.role` column drift apart in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoles: Same<Static<typeof AccountRole>, AccountRoleColumn> = true;
void sameRoles;

/**
 * The logged-in account with its territory resolved: a school team also knows its municipality and region.
 * The server checks access with it and the client shows it, so it holds nothing the account's owner may not see.
 */
export const Principal = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    role: AccountRole,
    regionId: NullableId,
    municipalityId: NullableId,
    schoolId: NullableId,
  },
  strict,
);
export type Principal = Static<typeof Principal>;

/** What login, a password change, an accepted invitation and /api/me answer: who is logged in, and the token changes need. */
export const Session = Type.Object({ user: Principal, csrfToken: Type.String({ minLength: 1 }) }, strict);
export type Session = Static<typeof Session>;

/** Whom an invitation link is for, shown before the password is set. */
export const InvitationView = Type.Object({ email: Type.String(), name: Type.String() }, strict);
export type InvitationView = Static<typeof InvitationView>;

export const LoggedOut = Type.Object({ ok: Type.Literal(true) }, strict);
