import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../logging/logger.ts';
import type { AppEnv } from '../context.ts';

/** One structured line per request: method, route path, status, duration. No headers, no bodies. */
export function requestLogger(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const fields = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}
