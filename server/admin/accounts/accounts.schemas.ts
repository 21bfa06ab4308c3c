import { Type, type Static } from '@fastify/type-provider-typebox';
import { Principal } from '../../auth/session.schemas.js';
import { AccountRole, Id, Instant, Nullable } from '../../shared/vocabulary.js';

export const NewAccount = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ maxLength: 200 }),
    role: AccountRole,
    regionId: Type.Optional(Id),
    municipalityId: Type.Optional(Id),
    schoolId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type NewAccount = Static<typeof NewAccount>;

/** invited: no password set yet; disabled: cannot log in, whatever its password; anonymised: disabled, its person's data removed. */
export const AccountStatus = Type.Enum(['invited', 'active', 'disabled', 'anonymised']);
export type AccountStatus = Static<typeof AccountStatus>;

/** An account as the administrator lists it: who it is and what it sees, as its owner's session says, and its state. */
export const AccountView = Type.Object({
  ...Principal.properties,
  /** The name of the region, municipality or school the account sees; null for an administrator. */
  scopeName: Nullable(Type.String()),
  status: AccountStatus,
  /** Whether the account logs in with a TOTP code after its password; an administrator may reset it. */
  twoFactor: Type.Boolean(),
  createdAt: Instant,
});
export type AccountView = Static<typeof AccountView>;

/** Every region, municipality and school: what a new account can be scoped to. */
export const Territories = Type.Object({
  regions: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  municipalities: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), regionId: Type.Integer() })),
  schools: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), municipalityId: Type.Integer() })),
});
export type Territories = Static<typeof Territories>;

/** The path of a one-time link that lets the invited person set a password; the administrator passes it on. */
export const Invitation = Type.Object({ invitePath: Type.String() });
export type Invitation = Static<typeof Invitation>;

export const CreatedAccount = Type.Object({
  account: Type.Object({ id: Type.Integer(), email: Type.String(), role: AccountRole }),
  ...Invitation.properties,
});
export type CreatedAccount = Static<typeof CreatedAccount>;

/**
 * An administrator's correction: the name, and for a role tied to a territory which one (the role itself stays: a
 * different role is a different account). A territory of another kind than the role's is refused.
 */
export const AccountChange = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    regionId: Type.Optional(Id),
    municipalityId: Type.Optional(Id),
    schoolId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type AccountChange = Static<typeof AccountChange>;
