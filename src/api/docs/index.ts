import type { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppEnv } from '../context.ts';
import { docsPolicy, newNonce } from '../middleware/content-security-policy.ts';
import { createRouter } from '../router.ts';
import { buildOpenApiDocument } from './openapi.ts';
import * as routes from './docs.routes.ts';

/** Where /docs loads the Scalar API reference script from unless DOCS_SCRIPT_URL says otherwise. */
export const DEFAULT_SCRIPT_URL = 'https://cdn.jsdelivr.net/npm/@scalar/api-reference';

/**
 * Serves /openapi.json and /docs for `app`. The document is generated on first request, when
 * every route is registered, and then served from memory. /docs carries its own
 * Content-Security-Policy (`docsPolicy`): the script's origin and a per-request nonce.
 */
export function docsRouter(app: OpenAPIHono<AppEnv>, options: { scriptUrl?: string | undefined }) {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  const scriptUrl = options.scriptUrl ?? DEFAULT_SCRIPT_URL;
  const scalar = Scalar<AppEnv>({
    url: '/openapi.json',
    pageTitle: 'Outcome Ledger API',
    cdn: scriptUrl,
    // No third-party font requests: the page needs nothing but the script and this origin.
    withDefaultFonts: false,
  });
  return createRouter()
    .openapi(routes.openapiDocument, (c) => {
      document ??= buildOpenApiDocument(app);
      return c.json(document as unknown as Record<string, unknown>, 200);
    })
    .openapi(routes.docsPage, async (c, next) => {
      // Both script elements (the Scalar script and its inline start-up call) carry this request's nonce.
      const nonce = newNonce();
      const page = (await scalar(c, next)) as Response;
      const html = (await page.text()).replace(/<script\b/g, `<script nonce="${nonce}"`);
      return c.html(html, 200, { 'content-security-policy': docsPolicy(nonce, scriptUrl) }) as unknown as Response;
    });
}
