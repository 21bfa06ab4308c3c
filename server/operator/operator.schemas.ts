import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, Nullable } from '../shared/vocabulary.js';

/**
 * The operator of personal data as the administrator types it. Optional fields may be empty strings (a cleared form
 * field); the server trims every value and stores an empty optional one as null.
 */
export const OperatorBody = Type.Object(
  {
    name: Type.String({ maxLength: 500 }),
    address: Type.String({ maxLength: 500 }),
    /** Where a person sends a request about their data (152-ФЗ art. 14); required. */
    email: Type.String({ maxLength: 254 }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    inn: Type.Optional(Type.String({ maxLength: 20 })),
    ogrn: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type OperatorBody = Static<typeof OperatorBody>;

/** Everything here is published on /privacy and is public by law; nothing else of the row exists. */
export const OperatorDetails = Type.Object({
  name: Type.String(),
  address: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  inn: Nullable(Type.String()),
  ogrn: Nullable(Type.String()),
  /** The edition date the privacy page shows. */
  updatedAt: Instant,
});
export type OperatorDetails = Static<typeof OperatorDetails>;

/** Null until an administrator fills them in: the privacy page then says the policy is not published yet. */
export const PublicOperator = Type.Object({ operator: Nullable(OperatorDetails) });
export type PublicOperator = Static<typeof PublicOperator>;
