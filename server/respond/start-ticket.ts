import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { TICKET_LIFETIME_HOURS } from '../shared/rules/answer-marks.js';

const SECRET_NAME = 'start-ticket';
const CLOCK_SKEW_MS = 5000;

/** The installation's signing key, created by whichever process needs it first; every later one reads the same. */
export async function startTicketKey(db: Db): Promise<Buffer> {
  await db
    .insertInto('server_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const { value } = await db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirstOrThrow();
  return Buffer.from(value, 'base64');
}

export type TicketReading = { valid: true; startedAt: number; nonce: string } | { valid: false };

/**
 * When a questionnaire was opened, as the server saw it: `GET /api/links/:token` hands out a ticket signed with the
 * installation's key, the submission brings it back, and the server measures the time in between. The page's own
 * clock is never asked. A ticket names its link, so one taken from another link does not fit.
 */
export class StartTickets {
  constructor(private readonly key: Buffer) {}

  issue(linkId: number, now = Date.now()): string {
    const body = `${linkId}.${now.toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  read(ticket: string | undefined, linkId: number, now = Date.now()): TicketReading {
    const parts = ticket?.split('.');
    if (!parts || parts.length !== 4) return { valid: false };
    const [link, issued, nonce, signature] = parts as [string, string, string, string];
    const body = `${link}.${issued}.${nonce}`;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false };
    const startedAt = parseInt(issued, 36);
    // Another server's clock may run a little ahead; a ticket further in the future was never issued by this installation.
    if (Number(link) !== linkId || !(startedAt <= now + CLOCK_SKEW_MS) || now - startedAt > TICKET_LIFETIME_HOURS * 3600_000) return { valid: false };
    return { valid: true, startedAt: Math.min(startedAt, now), nonce };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
