import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './api/context.ts';
import { docsRouter } from './api/docs/index.ts';
import { errorHandler } from './api/errors/handler.ts';
import { problemResponse } from './api/errors/problem.ts';
import { authFailureLimit } from './api/middleware/auth-failures.ts';
import { jsonBodyLimit } from './api/middleware/body-limit.ts';
import { contentSecurityPolicy } from './api/middleware/content-security-policy.ts';
import { provideDatabase } from './api/middleware/database.ts';
import { rateLimit } from './api/middleware/rate-limit.ts';
import { requestLogger } from './api/middleware/request-logger.ts';
import { storableInput } from './api/middleware/storable-input.ts';
import { validationHook } from './api/router.ts';
import { systemRouter } from './api/system/index.ts';
import { contractsRouter } from './api/contracts/index.ts';
import { organisationsRouter } from './api/organisations/index.ts';
import { peopleRouter } from './api/people/index.ts';
import { schemasRouter } from './api/schemas/index.ts';
import { measurementsRouter } from './api/measurements/index.ts';
import { evaluationsRouter } from './api/evaluations/index.ts';
import { moneyRouter } from './api/money/index.ts';
import { statusRouter } from './api/status/index.ts';
import { exportsRouter } from './api/exports/index.ts';
import { importsRouter } from './api/imports/index.ts';
import { auditRouter } from './api/audit/index.ts';
import { webhooksRouter } from './api/webhooks/index.ts';
import { notFoundPage, wantsPage, webRouter } from './web/index.ts';
import { WEB_UPLOAD_LIMIT_BYTES } from './web/operator/index.tsx';
import { disputesRouter } from './api/disputes/index.ts';

/** Builds the HTTP application from its dependencies. No I/O happens here. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(requestLogger(deps.logger));
  app.use(secureHeaders({ crossOriginResourcePolicy: deps.config.CORS_ORIGINS.length > 0 ? 'cross-origin' : 'same-origin' }));
  app.use(contentSecurityPolicy());
  if (deps.config.CORS_ORIGINS.length > 0) {
    app.use(cors({
      origin: deps.config.CORS_ORIGINS,
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }));
  }
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(c, 'method_not_allowed', `${c.req.method} is not allowed here. Allowed: ${methods.join(', ')}.`, {
          headers: { allow: methods.join(', ') },
        }),
    }),
  );
  app.use('/v1/*', authFailureLimit({ perMinute: deps.config.AUTH_FAILURES_PER_MINUTE, trustedProxies: deps.config.TRUST_PROXY, clock: deps.clock }));
  app.use('/v1/*', rateLimit(deps.config.RATE_LIMIT_PER_MINUTE, deps.clock));
  // A multipart form is the workspace's upload without JavaScript: capped like the page's scripted upload.
  app.use(jsonBodyLimit(deps.config.JSON_BODY_LIMIT_BYTES, Math.min(WEB_UPLOAD_LIMIT_BYTES, deps.config.CSV_BODY_LIMIT_BYTES)));
  app.use(storableInput());
  app.use(provideDatabase(deps));

  app.route('/', systemRouter);
  app.route('/', organisationsRouter);
  app.route('/', peopleRouter);
  app.route('/', contractsRouter);
  app.route('/', schemasRouter);
  app.route('/', measurementsRouter);
  app.route('/', disputesRouter);
  app.route('/', evaluationsRouter);
  app.route('/', moneyRouter);
  app.route('/', statusRouter);
  app.route('/', exportsRouter);
  app.route('/', importsRouter);
  app.route('/', auditRouter);
  app.route('/', webhooksRouter);
  app.route('/', docsRouter(app, { scalar: deps.scalarBundle }));
  // The web workspace (src/web): plain Hono routes answering HTML pages, outside /openapi.json,
  // which documents the API only.
  app.route('/', webRouter());

  // A browser asking for a page gets the 404 page in its language; a program gets problem+json.
  app.notFound((c) => (wantsPage(c) ? notFoundPage(c) : problemResponse(c, 'not_found', `No route matches ${c.req.method} ${c.req.path}.`)));
  app.onError(errorHandler(deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;
