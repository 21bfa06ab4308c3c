import { randomBytes } from 'node:crypto';

/** 144 random bits in 24 URL-safe characters: unguessable, yet short enough for a QR code and a chat. */
export function newLinkToken(): string {
  return randomBytes(18).toString('base64url');
}
