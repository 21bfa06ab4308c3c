import { Secret, TOTP } from 'otpauth';

/**
 * Codes of RFC 6238 as every authenticator app makes them by default (SHA-1, 6 digits, 30 seconds), computed by
 * `otpauth`: a maintained, widely used library with one dependency, which also writes the otpauth:// address apps
 * read. Hand-written HMAC truncation and windowing is where such code goes wrong unnoticed.
 */
const PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little off, or a code typed as it changed, still logs in. */
const WINDOW = 1;
const ISSUER = 'Анкетирование школ 500+';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpOf = (secret: string, email: string) =>
  new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (secret: string, email: string) => totpOf(secret, email).toString();

/** The 30-second step the code belongs to, or null when it fits none of the window's steps. */
export function codeStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret, '').validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}
