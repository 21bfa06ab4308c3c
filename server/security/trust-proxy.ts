import { BlockList, isIP } from 'node:net';

/** Fastify's `trustProxy`: whose X-Forwarded-For (client address) and X-Forwarded-Proto to believe. */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/** Names Fastify's trustProxy (proxy-addr) knows for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Loopback, link-local and private ranges: where a reverse proxy in front of this server sits. */
const NEARBY = new BlockList();
for (const [network, bits] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  NEARBY.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  NEARBY.addSubnet(network, bits, 'ipv6');

const isNearby = (address: string) => {
  const version = isIP(address);
  return version !== 0 && NEARBY.check(address, version === 4 ? 'ipv4' : 'ipv6');
};

/**
 * `n` proxy hops, each believed only from a loopback or private address. Fastify dropped plain hop counts:
 * they cannot tell the proxy from a client that reaches the server directly and writes the headers itself.
 * A client on the Internet never has a private address, so it cannot pose as the proxy here; a proxy at a
 * public address (a CDN) is named by its addresses instead.
 */
function nearbyHops(hops: number) {
  return (address: string, hop: number) => hop < hops && isNearby(address);
}

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: unset or 0 believes nobody's forwarded headers; `1` the one proxy in front (on this machine
 * or the private network); `10.0.0.1,10.1.0.0/16` (or `loopback`, `uniquelocal`, `linklocal`) those proxies.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '') return false;
  if (/^\d+$/.test(text)) return Number(text) === 0 ? false : nearbyHops(Number(text));
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase());
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (wrong.length > 0) {
    throw new Error(
      `TRUST_PROXY must be a number of proxy hops or a comma-separated list of proxy addresses or CIDR ranges; "${wrong.join('", "')}" is neither`,
    );
  }
  return entries;
}
