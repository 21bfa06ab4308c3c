/**
 * A public address only this machine can open: what PUBLIC_URL falls back to. Links and QR codes built on it work on
 * the server and nowhere else, so the start-up log and the admin screens say so.
 */
export function pointsToLocalhost(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1' || host === '0.0.0.0';
}
