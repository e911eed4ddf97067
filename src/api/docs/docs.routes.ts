import { createRoute, z } from '@hono/zod-openapi';
import { errorsFor } from '../errors/responses.ts';

export const openapiDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
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
  tags: ['System'],
  summary: 'Interactive API reference (Scalar)',
  description: 'An HTML page rendering /openapi.json with the Scalar API reference. No authentication.',
  security: [],
  responses: {
    200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
    ...errorsFor(),
  },
});
