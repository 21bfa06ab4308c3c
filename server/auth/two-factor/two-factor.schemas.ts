import { Type, type Static } from '@fastify/type-provider-typebox';

const strict = { additionalProperties: false } as const;

/** Six digits, as the authenticator app shows them; spaces the app puts in the middle are the page's to remove. */
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });

/** What login answers when the password was right and the account has a second factor: the code is asked next. */
export const SecondFactorRequired = Type.Object({ secondFactor: Type.Literal('totp'), challenge: Type.String({ minLength: 1 }) }, strict);
export type SecondFactorRequired = Static<typeof SecondFactorRequired>;

export const SecondFactorLogin = Type.Object({ challenge: Type.String({ minLength: 10, maxLength: 100 }), code: TotpCode }, strict);

export const TwoFactorStatus = Type.Object({ enabled: Type.Boolean() }, strict);
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

/** A secret being set up: the QR code's address and the secret itself, for typing into an app without a camera. */
export const TwoFactorSetup = Type.Object({ secret: Type.String(), uri: Type.String() }, strict);
export type TwoFactorSetup = Static<typeof TwoFactorSetup>;
