import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { problemResponse } from '../errors/problem.ts';
import { docsPolicy, newNonce } from '../middleware/content-security-policy.ts';
import { createRouter } from '../router.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { docsPage } from './page.ts';
import { installedScalarBundle, type ScalarBundle } from './scalar-bundle.ts';
import * as routes from './docs.routes.ts';

/** Where /docs loads the Scalar script from: this service, under a name that changes with its version. */
export const scalarScriptPath = (bundle: ScalarBundle) => `/docs/assets/scalar-${bundle.version}.js`;

/**
 * Serves /openapi.json, /docs and the script /docs loads, for `app`. The document and the page are
 * generated on first request, when every route is registered, and then served from memory. /docs
 * carries its own Content-Security-Policy (`docsPolicy`): scripts by a per-request nonce only.
 * `scalar` is the Scalar bundle to serve (default: the one installed in node_modules, on Node).
 */
export function docsRouter(app: OpenAPIHono<AppEnv>, options: { scalar?: ScalarBundle | undefined } = {}) {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  let page: ReturnType<typeof docsPage> | undefined;
  const openApiDocument = () => (document ??= buildOpenApiDocument(app));
  const scalar = options.scalar ?? installedScalarBundle();
  const scriptPath = scalarScriptPath(scalar);
  const scriptFile = scriptPath.slice(scriptPath.lastIndexOf('/') + 1);
  return createRouter()
    .openapi(routes.openapiDocument, (c) => c.json(openApiDocument() as unknown as Record<string, unknown>, 200))
    .openapi(routes.docsPage, (c) => {
      page ??= docsPage(openApiDocument(), scriptPath);
      const nonce = newNonce();
      return c.html(page.withNonce(nonce), 200, { 'content-security-policy': docsPolicy(nonce) });
    })
    .openapi(routes.docsAsset, async (c) => {
      if (c.req.valid('param').file !== scriptFile) {
        return problemResponse(c, 'not_found', `No such file: /docs loads ${scriptPath}.`);
      }
      const headers: Record<string, string> = {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'accept-encoding',
      };
      if (scalar.loadGzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        return c.body((await scalar.loadGzip()) as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'gzip' });
      }
      return c.body(await scalar.load(), 200, headers);
    });
}
