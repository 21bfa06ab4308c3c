import { Type, type Static } from '@fastify/type-provider-typebox';
import { TOKEN_LIFETIME_DAYS, TOKEN_REQUESTS_PER_MINUTE } from '../shared/rules/service-tokens.js';
import { Id, Instant, IntegerIn, Nullable, TokenPermission } from '../shared/vocabulary.js';

export const DEFAULT_REQUESTS_PER_MINUTE = TOKEN_REQUESTS_PER_MINUTE.default;
export const DEFAULT_LIFETIME_DAYS = TOKEN_LIFETIME_DAYS.default;

export const NewServiceToken = Type.Object(
  {
    /** Which system holds it, so a person reading the audit log knows whom to ask. */
    name: Type.String({ minLength: 1, maxLength: 200 }),
    regionId: Id,
    /** Narrows the token to one municipality of the region; such a token only reads. */
    municipalityId: Type.Optional(Nullable(Id)),
    permissions: Type.Array(TokenPermission, { minItems: 1, maxItems: 4, uniqueItems: true }),
    lifetimeDays: Type.Optional(IntegerIn(TOKEN_LIFETIME_DAYS.min, TOKEN_LIFETIME_DAYS.max, { default: DEFAULT_LIFETIME_DAYS })),
    requestsPerMinute: Type.Optional(IntegerIn(TOKEN_REQUESTS_PER_MINUTE.min, TOKEN_REQUESTS_PER_MINUTE.max, { default: DEFAULT_REQUESTS_PER_MINUTE })),
  },
  { additionalProperties: false },
);
export type NewServiceToken = Static<typeof NewServiceToken>;

/** active: usable; expired or revoked: refused on every request, kept for the audit trail. */
export const ServiceTokenState = Type.Enum(['active', 'expired', 'revoked']);
export type ServiceTokenState = Static<typeof ServiceTokenState>;

/** A token as the administrator lists it: never its secret, only the first characters that tell it apart. */
export const ServiceTokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  regionId: Type.Integer(),
  regionName: Type.String(),
  municipalityId: Nullable(Type.Integer()),
  municipalityName: Nullable(Type.String()),
  permissions: Type.Array(TokenPermission),
  requestsPerMinute: Type.Integer(),
  createdAt: Instant,
  createdBy: Nullable(Type.String()),
  expiresAt: Instant,
  revokedAt: Nullable(Instant),
  lastUsedAt: Nullable(Instant),
  state: ServiceTokenState,
});
export type ServiceTokenView = Static<typeof ServiceTokenView>;

/** The new token and its secret, shown this once: the server keeps only its hash. */
export const CreatedServiceToken = Type.Object({ token: ServiceTokenView, secret: Type.String() });
export type CreatedServiceToken = Static<typeof CreatedServiceToken>;
