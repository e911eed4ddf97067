import type { Context, MiddlewareHandler, Next } from 'hono';
import type { Clock } from '../../clock.ts';
import { ApiError } from '../errors/api-error.ts';
import { sessionTokenOf } from '../auth/session.ts';
import { clientAddress } from './client-address.ts';
import { type RateLimitBinding, rateLimitBinding } from './rate-limit.ts';

/** Most addresses tracked at once; beyond it the longest-idle ones are forgotten first. */
const MAX_TRACKED = 100_000;

/**
 * Failed authentication limited per client address (`clientAddress`), so that API keys cannot be
 * guessed at speed: a token bucket of `perMinute` failures per address, refilled continuously.
 * Session cookies count the same as keys (a request with the cookie answered 401: an unknown or
 * ended session), so session tokens cannot be guessed at speed either.
 * Every request that presents an `Authorization` header and is answered 401 (unknown, revoked or
 * malformed key) takes one token; once an address has none left, every request from it that
 * presents a key is answered 429 with `Retry-After` before the key is even looked at — a valid
 * key included, until the bucket refills. Other addresses are not affected. Requests without a key
 * guess nothing and are not counted. The buckets live in this process (one per instance, like the
 * per-key rate limit). `perMinute` 0 turns it off.
 *
 * On Workers with an `AUTH_FAILURE_LIMITER` binding (Cloudflare's rate limiting), the binding
 * counts the failures of an address instead, shared by the isolates of a location, with its own
 * limit and period: once it reports an address over its limit, the isolate that asked answers
 * every request presenting a key from that address 429 for a minute (other isolates learn it at
 * that address's next failure there). Without the binding each isolate counts on its own.
 */
export function authFailureLimit(options: { perMinute: number; trustedProxies: number; clock: Clock }): MiddlewareHandler {
  const { perMinute, trustedProxies, clock } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  let lastSweep = 0;

  const refilled = (address: string, now: number) => {
    const bucket = buckets.get(address);
    if (!bucket) return undefined;
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    return bucket;
  };

  const sweep = (now: number) => {
    // A bucket untouched for a minute is full again: the same as no bucket.
    for (const [k, b] of buckets) if (now - b.at >= 60_000) buckets.delete(k);
    lastSweep = now;
    for (const k of buckets.keys()) {
      if (buckets.size <= MAX_TRACKED) break;
      buckets.delete(k);
    }
  };

  /** With the binding: addresses it reported over the limit, until when (in order of blocking). */
  const blocked = new Map<string, number>();

  const withBinding = async (c: Context, next: Next, binding: RateLimitBinding) => {
    const address = clientAddress(c, trustedProxies);
    const now = clock().getTime();
    const until = blocked.get(address);
    if (until !== undefined && until > now) {
      const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
      throw new ApiError('rate_limited', `Too many failed authentication attempts from this address; retry in ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    if (until !== undefined) blocked.delete(address);
    await next();
    if (c.res.status !== 401) return;
    const { success } = await binding.limit({ key: `address:${address}` });
    if (success) return;
    blocked.delete(address);
    blocked.set(address, clock().getTime() + 60_000);
    for (const [k, u] of blocked) {
      if (blocked.size <= MAX_TRACKED && u > now) break;
      blocked.delete(k);
    }
  };

  return async (c, next) => {
    if (perMinute <= 0 || (!c.req.header('authorization') && sessionTokenOf(c) === undefined)) return next();
    const binding = rateLimitBinding(c, 'AUTH_FAILURE_LIMITER');
    if (binding) return withBinding(c, next, binding);
    const address = clientAddress(c, trustedProxies);
    const now = clock().getTime();
    const bucket = refilled(address, now);
    if (bucket && bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new ApiError('rate_limited', `Too many failed authentication attempts from this address (${perMinute} a minute are allowed); retry in ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    await next();
    if (c.res.status !== 401) return;
    const at = clock().getTime();
    const failed = refilled(address, at) ?? { tokens: perMinute, at };
    failed.tokens -= 1;
    buckets.delete(address); // re-inserted last: the map stays in order of last failure
    buckets.set(address, failed);
    if (at - lastSweep > 60_000 || buckets.size > MAX_TRACKED) sweep(at);
  };
}
