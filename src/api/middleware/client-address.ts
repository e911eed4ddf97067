import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from, for limits per client:
 *  1. with `trustedProxies` > 0 (TRUST_PROXY), the `X-Forwarded-For` entry added by the outermost
 *     trusted proxy (the n-th from the right: entries further left were written by the client and
 *     prove nothing);
 *  2. on Node, the peer address of the socket (`@hono/node-server`'s `getConnInfo`);
 *  3. on Cloudflare Workers, `CF-Connecting-IP` (set by Cloudflare; a client cannot choose it);
 *  4. otherwise (`app.request()` in tests, other runtimes) the one bucket `unknown`.
 * IPv6 addresses are reduced to their /64 prefix, the block one subscriber usually holds, and
 * IPv4-mapped IPv6 addresses to the IPv4 address.
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) {
      const hops = forwarded.split(',').map((h) => h.trim()).filter((h) => h.length > 0);
      if (hops.length > 0) return normaliseAddress(hops[Math.max(0, hops.length - trustedProxies)]!);
    }
  }
  const socket = socketAddress(c);
  if (socket) return normaliseAddress(socket);
  if (onCloudflareWorkers()) {
    const cf = c.req.header('cf-connecting-ip');
    if (cf) return normaliseAddress(cf);
  }
  return 'unknown';
}

function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env || !(env.incoming || env.server?.incoming)) return undefined;
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

function onCloudflareWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; `192.0.2.1:443` → `192.0.2.1`; `2001:db8:1:2:3:4:5:6` → `2001:db8:1:2::/64`. */
export function normaliseAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  return ipv6Prefix(address) ?? address;
}

function ipv6Prefix(address: string): string | undefined {
  const parts = address.split('%')[0]!.split('::');
  if (parts.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const head = groups(parts[0]);
  const tail = parts.length === 2 ? groups(parts[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (parts.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
