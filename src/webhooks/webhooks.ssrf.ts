// Where a webhook may go: https only (http when the installation allows it), and never to a private,
// loopback, link-local, unique-local, multicast or otherwise reserved address, IPv4 or IPv6,
// including IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96,
// 6to4 2002::/16), unless the installation allows private targets (WEBHOOKS_ALLOW_PRIVATE). The
// URL is checked when an admin registers it, and the resolved addresses again before every
// attempt; the request then connects to the address that was checked (no second DNS lookup, so a
// name cannot be rebound to an internal address between check and connect).
import { lookup } from 'node:dns/promises';
import net from 'node:net';

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const V6_BLOCKED: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [a, p] of V4_BLOCKED) blocked.addSubnet(a, p, 'ipv4');
// BlockList also checks an IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 rules.
for (const [a, p] of V6_BLOCKED) blocked.addSubnet(a, p, 'ipv6');

/** The 16 bytes of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function ipv6Bytes(address: string): number[] {
  let a = address.split('%')[0];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (quad) {
    const [p, q, r, s] = quad[1].split('.').map(Number);
    a = `${a.slice(0, -quad[1].length)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

/** The IPv4 address an IPv6 address carries (compatible, mapped, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (i: number) => b.slice(i, i + 4).join('.');
  if (zero(0, 10) && ((b[10] === 0 && b[11] === 0) || (b[10] === 0xff && b[11] === 0xff))) return v4(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return null;
}

/** Whether the address is private, loopback, link-local, unique-local or otherwise not public. */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: never a target
  if (blocked.check(address, 'ipv6')) return true;
  const v4 = embeddedIpv4(address);
  return v4 !== null && blocked.check(v4, 'ipv4');
}

export type TargetPolicy = { allowHttp: boolean; allowPrivate: boolean };

/** Why a URL may not be a webhook target (an English sentence with its text key), or null when it may. */
export function urlProblem(raw: string, policy: TargetPolicy): { key: string; message: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { key: 'webhooks:fieldErrors.urlInvalid', message: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    return policy.allowHttp
      ? { key: 'webhooks:fieldErrors.urlScheme', message: 'must be an http or https URL' }
      : { key: 'webhooks:fieldErrors.urlHttps', message: 'must be an https URL' };
  if (url.username || url.password)
    return {
      key: 'webhooks:fieldErrors.urlCredentials',
      message: 'must not contain a user name or password',
    };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate) {
    if (net.isIP(host) && isNonPublicAddress(host))
      return {
        key: 'webhooks:fieldErrors.urlPrivate',
        message: 'must not point to a private or local address',
      };
    const name = host.toLowerCase().replace(/\.$/, '');
    if (
      name === 'localhost' ||
      name.endsWith('.localhost') ||
      name.endsWith('.local') ||
      name.endsWith('.internal')
    )
      return {
        key: 'webhooks:fieldErrors.urlPrivate',
        message: 'must not point to a private or local address',
      };
  }
  return null;
}

export type ResolvedTarget = { url: URL; address: string; family: 4 | 6 };

/** Resolves a host name to all its addresses (the system resolver; tests pass their own). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Resolves the URL's host and picks the address to connect to; throws when the host does not
 * resolve or (unless private targets are allowed) any of its addresses is not public.
 */
export async function resolveTarget(
  raw: string,
  policy: TargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<ResolvedTarget> {
  const problem = urlProblem(raw, policy);
  if (problem) throw new Error(`target refused: ${problem.message}`);
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await resolve(host);
  if (addresses.length === 0) throw new Error(`target refused: ${host} does not resolve`);
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    // One internal address among public ones is refused too: the request must not depend on which is picked.
    if (bad) throw new Error('target refused: the host resolves to a private or local address');
  }
  const first = addresses[0];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
