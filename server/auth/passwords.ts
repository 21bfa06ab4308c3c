import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
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
