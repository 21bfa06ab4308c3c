import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 8;

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough for a 2-core server. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// Verifying against a real hash when the account is unknown keeps the answer time the same,
// so timing does not tell which e-mails have accounts.
const unknownAccountHash = hashPassword('unknown-account-placeholder');

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await argon2.verify(hash ?? (await unknownAccountHash), password);
    return hash !== null && ok;
  } catch {
    return false;
  }
}
