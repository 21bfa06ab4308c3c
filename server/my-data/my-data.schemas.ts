import { Type, type Static } from '@fastify/type-provider-typebox';
import { AccountRole, Instant, Nullable } from '../shared/vocabulary.js';

/** Everything the platform keeps about a staff member's own account, as the person may see it (152-FZ, art. 14). */
export const MyData = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: AccountRole,
    /** The region, municipality or school the account sees; null for an administrator. */
    scopeName: Nullable(Type.String()),
    createdAt: Instant,
    /** The latest consent the person gave, and the version the platform asks for now. */
    consent: Nullable(Type.Object({ version: Type.String(), givenAt: Instant })),
    currentConsentVersion: Type.String(),
    lastLoginAt: Nullable(Instant),
    previousLoginAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export type MyData = Static<typeof MyData>;

/** What a person corrects about themselves. The e-mail is the login and where invitations go: the administrator changes it. */
export const MyDataChange = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
