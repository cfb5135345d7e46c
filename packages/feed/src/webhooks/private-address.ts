/**
 * Where deliveries may not go unless the config allows it: loopback, private, link-local,
 * carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped IPv6 addresses
 * are judged by the IPv4 address they carry). A receiver is checked by the addresses its name
 * resolves to, and the connection goes to the address checked, so a second DNS answer
 * (rebinding) cannot move it.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP address) is one deliveries never go to without the config's leave. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A receiver's host could not be used; the message says why. */
export class ReceiverAddressError extends Error {
  override name = 'ReceiverAddressError';
}

export interface CheckedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * The address to connect to for `host`: the first it resolves to, when none of its addresses is
 * private (or private ones are allowed). One private address refuses the host: a name that
 * answers with both is not trusted with either.
 */
export async function checkedAddress(
  host: string,
  allowPrivateAddresses: boolean,
): Promise<CheckedAddress> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: { address: string; family: number }[];
  try {
    addresses =
      isIP(bare) !== 0
        ? [{ address: bare, family: isIP(bare) }]
        : await lookup(bare, { all: true });
  } catch (error) {
    throw new ReceiverAddressError(`host "${host}" cannot be resolved (${String(error)})`);
  }
  const first = addresses[0];
  if (first === undefined) throw new ReceiverAddressError(`host "${host}" has no address`);
  if (!allowPrivateAddresses) {
    const refused = addresses.find(({ address }) => isPrivateAddress(address));
    if (refused) {
      throw new ReceiverAddressError(
        `host "${host}" resolves to ${refused.address}, a loopback or private address; deliveries go there only where the config sets "subscriptions": { "allowPrivateAddresses": true }`,
      );
    }
  }
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
