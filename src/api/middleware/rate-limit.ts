import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../clock.ts';
import { sha256Hex } from '../../domain/digest/sha256.ts';
import { sessionTokenOf } from '../auth/session.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';

/**
 * Cloudflare's rate-limiting binding (`[[ratelimits]]` in wrangler.toml): `limit` counts one
 * request for `key` and says whether it is still within the binding's limit and period. Counts are
 * shared by the Worker's isolates in one Cloudflare location, not across locations.
 */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The binding of this name in the Worker's environment, if one is configured (never on Node). */
export function rateLimitBinding(c: Context, name: string): RateLimitBinding | undefined {
  const binding = (c.env as Record<string, unknown> | undefined)?.[name] as Partial<RateLimitBinding> | undefined;
  return typeof binding?.limit === 'function' ? (binding as RateLimitBinding) : undefined;
}

/**
 * Rate limiting per API key (and per session cookie, for people signed in): a token bucket of `perMinute` requests, refilled continuously. Over
 * the limit, 429 with Retry-After. The bucket lives in this process, so with several instances
 * each allows `perMinute` (put a shared limiter in front for a global limit). Requests without a
 * key are not limited here (they get 401 anyway). On Workers with a `RATE_LIMITER` binding the
 * binding counts instead (its own limit and period, per key digest; Retry-After 60), shared by the
 * isolates of a location; without it each isolate keeps its own buckets. `perMinute` 0 turns both off.
 */
export function rateLimit(perMinute: number, clock: Clock): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  let lastSweep = 0;
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    // A person's requests count against their session, as a machine's against its key.
    const session = authorization === undefined ? sessionTokenOf(c) : undefined;
    const header = authorization ?? (session === undefined ? undefined : `session:${session}`);
    if (perMinute <= 0 || !header) return next();
    const binding = rateLimitBinding(c, 'RATE_LIMITER');
    if (binding) {
      // The key itself never leaves the process: the binding counts its digest.
      const { success } = await binding.limit({ key: `key:${await sha256Hex(header)}` });
      if (!success) {
        throw new ApiError('rate_limited', `This ${session ? 'session' : 'key'} has made more requests than its rate limit allows; retry in a minute.`, {
          headers: { 'retry-after': '60' },
        });
      }
      return next();
    }
    const now = clock().getTime();
    if (now - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (now - b.at > 120_000) buckets.delete(k);
      lastSweep = now;
    }
    const bucket = buckets.get(header) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    buckets.set(header, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      throw new ApiError('rate_limited', `This ${session ? 'session' : 'key'} may make ${perMinute} requests a minute; retry in ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    bucket.tokens -= 1;
    await next();
  };
}
