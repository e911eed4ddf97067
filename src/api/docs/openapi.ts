import type { OpenAPIHono } from '@hono/zod-openapi';
import { SERVICE_VERSION } from '../../version.ts';
import type { AppEnv } from '../context.ts';

const description = `Outcome Ledger is the system of record for pay-for-results contracts (social impact bonds,
outcomes-based contracts): parties, contract versions, outcome data, exact payment obligations and repayment status.

Errors are RFC 9457 problem+json objects with a stable \`code\`, the offending field paths in \`errors\`, and the
\`requestId\` that every response also carries in the \`X-Request-Id\` header.

Authenticate with an organisation's API key: \`Authorization: Bearer <key>\`.`;

/** Builds the OpenAPI 3.1 document from everything registered on `app`. Call once, after all routes. */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: "An organisation's API key, as issued once by POST /v1/organisations/{id}/api-keys.",
  });
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Outcome Ledger API', version: SERVICE_VERSION, description, license: { name: 'Apache-2.0' } },
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'System', description: 'Health, readiness and this description' }],
  });
}
