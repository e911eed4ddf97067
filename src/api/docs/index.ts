import type { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppEnv } from '../context.ts';
import { createRouter } from '../router.ts';
import { buildOpenApiDocument } from './openapi.ts';
import * as routes from './docs.routes.ts';

/**
 * Serves /openapi.json and /docs for `app`. The document is generated on first request, when
 * every route is registered, and then served from memory.
 */
export function docsRouter(app: OpenAPIHono<AppEnv>, options: { scriptUrl?: string | undefined }) {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  const scalar = Scalar<AppEnv>({
    url: '/openapi.json',
    pageTitle: 'Outcome Ledger API',
    ...(options.scriptUrl ? { cdn: options.scriptUrl } : {}),
  });
  return createRouter()
    .openapi(routes.openapiDocument, (c) => {
      document ??= buildOpenApiDocument(app);
      return c.json(document as unknown as Record<string, unknown>, 200);
    })
    .openapi(routes.docsPage, (c, next) => scalar(c, next) as unknown as Response);
}
