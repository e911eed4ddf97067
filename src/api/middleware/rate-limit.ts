import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../clock.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';

/**
 * Rate limiting per API key: a token bucket of `perMinute` requests, refilled continuously. Over
 * the limit, 429 with Retry-After. The bucket lives in this process, so with several instances
 * each allows `perMinute` (put a shared limiter in front for a global limit). Requests without a
 * key are not limited here (they get 401 anyway).
 */
export function rateLimit(perMinute: number, clock: Clock): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  let lastSweep = 0;
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (perMinute <= 0 || !header) return next();
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
      throw new ApiError('rate_limited', `This key may make ${perMinute} requests a minute; retry in ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    bucket.tokens -= 1;
    await next();
  };
}
