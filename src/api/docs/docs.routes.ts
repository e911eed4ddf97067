import { createRoute, z } from '@hono/zod-openapi';
import { errorsFor } from '../errors/responses.ts';

export const openapiDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  tags: ['System'],
  summary: 'This API, described in OpenAPI 3.1',
  description: 'Generated once from the route definitions; every route, request and response schema. No authentication.',
  security: [],
  responses: {
    200: {
      description: 'The OpenAPI document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('OpenAPIDocument') } },
    },
    ...errorsFor(),
  },
});

export const docsPage = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getApiReference',
  tags: ['System'],
  summary: 'Interactive API reference (Scalar)',
  description:
    'An HTML page rendering /openapi.json with the Scalar API reference, served by this service (nothing is loaded ' +
    'from another origin), and underneath it every operation as a plain list for readers without JavaScript. No authentication.',
  security: [],
  responses: {
    200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
    ...errorsFor(),
  },
});

/**
 * The files /docs loads, served from the pinned npm dependency (today one: the Scalar bundle,
 * `scalar-<version>.js`). Declared like any other route: it is a public GET this service answers,
 * and /openapi.json lists everything the service answers.
 */
export const docsAsset = createRoute({
  method: 'get',
  path: '/docs/assets/{file}',
  operationId: 'getApiReferenceAsset',
  tags: ['System'],
  summary: 'A file of the API reference page (the Scalar script)',
  description:
    'The script /docs loads, named by its version (`scalar-1.76.0.js`): cached for a year, gzip-compressed when the ' +
    'client accepts it. Any other name is 404. No authentication.',
  security: [],
  request: {
    params: z.object({ file: z.string().max(100).openapi({ example: 'scalar-1.76.0.js', description: 'The file name, as /docs refers to it' }) }),
  },
  responses: {
    200: { description: 'The script', content: { 'text/javascript': { schema: z.string() } } },
    ...errorsFor(404),
  },
});
