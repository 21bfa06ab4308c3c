import { isIPv6 } from 'node:net';
import type { LimitWindows } from '../limits/limit-windows.js';

/**
 * The per-e-mail limit stops guessing one account's password; this ceiling stops one address from
 * trying a few passwords on each of many accounts. A whole school or municipality office may share one
 * NAT address, so it is generous and counts failures only: colleagues logging in all day never reach it.
 */
export const FAILED_LOGINS_PER_ADDRESS = { max: 100, windowMs: 15 * 60_000 };

/**
 * Failed logins of one account from one address: a real person mistypes a few times, not dozens. Keyed on the
 * address too, so that nobody can lock an account out from elsewhere; failures only, so a school team sharing
 * one account behind one address logs in all day.
 */
export const FAILED_LOGINS_PER_ACCOUNT = { max: 10, windowMs: 15 * 60_000 };

/**
 * The key an address is counted under. An IPv6 client owns at least a /64 and can pick any address
 * in it, so the /64 is one key; an IPv4-mapped IPv6 address counts as its IPv4 address.
 */
export function addressKey(ip: string): string {
  const address = ip.split('%')[0].toLowerCase();
  if (!isIPv6(address)) return address;
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice('::ffff:'.length);
  const [head, tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part stands for two groups.
  const width = (groups: string[]) => groups.length + (groups.at(-1)?.includes('.') ? 1 : 0);
  const groups = [...headGroups, ...Array<string>(8 - width(headGroups) - width(tailGroups)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const keyOf = (ip: string, account: string | undefined) => (account === undefined ? addressKey(ip) : `${addressKey(ip)}|${account}`);

/**
 * Failed attempts per address (or per address and account, when an account is given) in a fixed window that starts
 * at the first failure, counted in the server's limit windows under `name` (server/limits/).
 */
export class FailedLogins {
  constructor(
    private readonly windows: LimitWindows,
    private readonly name: string,
    private readonly limit = FAILED_LOGINS_PER_ADDRESS,
  ) {}

  /** Seconds until the address may try again; 0 while it is under the ceiling. */
  async retryAfterSeconds(ip: string, account?: string): Promise<number> {
    const window = await this.windows.peek(this.key(ip, account));
    return window && window.hits >= this.limit.max ? Math.ceil(window.msLeft / 1000) : 0;
  }

  /**
   * Only failures are recorded, and a success does not reset the count: otherwise an attacker holding
   * one valid account could clear the ceiling by logging in between guesses.
   */
  async recordFailure(ip: string, account?: string): Promise<void> {
    await this.windows.hit(this.key(ip, account), this.limit.windowMs);
  }

  private key(ip: string, account: string | undefined) {
    return `${this.name}|${keyOf(ip, account)}`;
  }
}
