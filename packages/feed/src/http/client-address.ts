/**
 * Who a request comes from, for the limits that are counted per client (open streams, failed
 * sign-ins). The socket's peer, unless that peer is a proxy the operator trusts: then the
 * right-most address in `X-Forwarded-For` that is not itself a trusted proxy. Never the
 * left-most: each proxy appends the address it was reached from, so only the entries added by
 * trusted hops are true, and everything to their left is whatever the client chose to send.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Proxies whose `X-Forwarded-For` entries are believed (`--trust-proxy`). */
export interface TrustedProxies {
  /** The ranges as given, for logs and errors. */
  readonly ranges: readonly string[];
  trusts(address: string): boolean;
}

/** A `--trust-proxy` entry that is not an address or CIDR range. */
export class AddressRangeError extends Error {
  override name = 'AddressRangeError';
}

export const NO_TRUSTED_PROXIES: TrustedProxies = { ranges: [], trusts: () => false };

/**
 * Parses addresses and CIDR ranges, IPv4 and IPv6 (`127.0.0.1`, `10.0.0.0/8`, `::1`,
 * `fd00::/8`). An IPv4 range also covers the IPv4-mapped IPv6 form of its addresses
 * (`::ffff:10.1.2.3`), as a dual-stack listener reports them.
 */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  const ranges: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [address = '', prefixText, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) {
      throw new AddressRangeError(
        `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`,
      );
    }
    const bits = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (prefixText !== undefined && (!/^\d{1,3}$/.test(prefixText) || prefix > bits)) {
      throw new AddressRangeError(
        `"${entry}": the prefix length must be a whole number from 0 to ${bits}`,
      );
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    ranges.push(entry);
  }
  if (ranges.length === 0) return NO_TRUSTED_PROXIES;
  return {
    ranges,
    trusts: (address) => {
      const bare = withoutZone(address);
      const family = isIP(bare);
      return family !== 0 && list.check(bare, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the right-most
 * `X-Forwarded-For` entry that is not a trusted proxy (the left-most when all are). An entry that
 * is not an address stops the walk at the trusted hop that passed it on.
 */
export function clientAddress(req: IncomingMessage, proxies: TrustedProxies): string {
  let address = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (!proxies.trusts(address)) return address;
  // Node joins repeated X-Forwarded-For headers with ", ", in the order they came.
  const header = req.headers['x-forwarded-for'] ?? '';
  const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = forwardedAddress(hops[index]?.trim() ?? '');
    if (hop === undefined) break;
    address = hop;
    if (!proxies.trusts(hop)) break;
  }
  return address;
}

/**
 * Whom a per-client limit is counted against: an IPv4 address itself, an IPv6 address by its /64
 * network (one host usually holds a whole /64, so counting single IPv6 addresses would let it
 * start afresh with every request).
 */
export function addressKey(address: string): string {
  const bare = plainAddress(address);
  if (!bare.includes(':')) return bare;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...front,
    ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'),
    ...back,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Without a zone (`%eth0`), and an IPv4-mapped IPv6 address as the IPv4 address it is. */
function plainAddress(address: string): string {
  const bare = withoutZone(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

function withoutZone(address: string): string {
  return address.replace(/%.*$/, '');
}

/** An `X-Forwarded-For` entry as an address: `203.0.113.9`, `[2001:db8::1]:443`, `1.2.3.4:80`. */
function forwardedAddress(text: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const candidate = bracketed?.[1] ?? /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(text)?.[1] ?? text;
  const plain = plainAddress(candidate);
  return isIP(plain) === 0 ? undefined : plain;
}
