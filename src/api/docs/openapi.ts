import type { OpenAPIHono } from '@hono/zod-openapi';
import { SERVICE_VERSION } from '../../version.ts';
import type { AppEnv } from '../context.ts';
import { registerWebhookDocs, WEBHOOKS_TAG } from '../webhooks/index.ts';
import { DISPUTES_TAG } from '../disputes/index.ts';
import { PEOPLE_TAG, registerPeopleDocs } from '../people/index.ts';

const description = `Outcome Ledger is the system of record for pay-for-results contracts (social impact bonds,
outcomes-based contracts): parties, contract versions, outcome data, exact payment obligations and repayment status.

Errors are RFC 9457 problem+json objects with a stable \`code\`, the offending field paths in \`errors\`, and the
\`requestId\` that every response also carries in the \`X-Request-Id\` header.

Authenticate with an organisation's API key: \`Authorization: Bearer <key>\`; or, for a person, with the session cookie
of \`POST /v1/session\` (changes then need the session's CSRF token in \`X-CSRF-Token\`): a person acts as their organisation.

Every operation has a stable \`operationId\` (camelCase, verb first, in the domain's words: \`recordSettlement\`,
\`listObligations\`, \`getContractStatus\`), so generated clients keep their method names from one release to the next.`;

/**
 * Every tag an operation may carry: one per resource, in the domain's words, in the order the API reference shows
 * them. A route with a tag not listed here fails `npm run lint:api` and test/spine/openapi.test.ts.
 */
export const API_TAGS = [
  { name: 'Organisations', description: 'The parties to contracts — outcome payers, investors, operators, evaluators, intermediaries — as registered by the platform administrator.' },
  { name: 'API keys', description: "An organisation's keys: issued once (only their SHA-256 is kept), listed, revoked; and who the calling key belongs to." },
  PEOPLE_TAG,
  { name: 'Contracts', description: 'Pay-for-results contracts and their versions: registration as a draft, approval by every required party, variations (amendments) and termination.' },
  { name: 'Contract definitions', description: 'The contract definition format as JSON Schema, and a check of a definition without registering it.' },
  { name: 'Outcome claims', description: 'Participant-level outcome claims (rate cards, volume bands): uploads as CSV, XLSX or JSON, corrections, review by the evaluator, exports.' },
  { name: 'Aggregate results', description: 'Results measured per cohort or period (counterfactual, tiered, linear, savings and composite pricing): uploads, corrections, review, exports.' },
  { name: 'Submissions', description: 'Every upload of outcome data, and the upload templates of a contract.' },
  DISPUTES_TAG,
  { name: 'Evaluations', description: "Runs of the payment engine over validated data under the terms in force, each with its line-by-line explanation and payment statement." },
  { name: 'Obligations', description: 'Payment obligations created by evaluations (never changed afterwards; corrections are adjustments) and their payment statements.' },
  { name: 'Drawdowns', description: 'Capital drawn from investors, optionally by tranche.' },
  { name: 'Settlements', description: 'Payments recorded by outcome payers against obligations; each is distributed at once through the capital stack.' },
  { name: 'Distributions', description: 'Where each settlement went: to investors (senior before subordinate, up to their return cap) and the surplus.' },
  { name: 'Repayment status', description: "A contract's capital, outcomes, obligations, cap headroom and investor returns; an investor's portfolio; a payer's liabilities." },
  { name: 'INDIGO data standard', description: "Contracts to and from the Government Outcomes Lab's INDIGO impact-bond data standard." },
  { name: 'Audit trail', description: "Every write concerning a contract, as a hash chain that anyone party to the contract can verify." },
  WEBHOOKS_TAG,
  { name: 'System', description: 'Health, readiness and this description.' },
];

/** Builds the OpenAPI 3.1 document from everything registered on `app`. Call once, after all routes. */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: "An organisation's API key, as issued once by POST /v1/organisations/{id}/api-keys.",
  });
  registerWebhookDocs(app.openAPIRegistry);
  registerPeopleDocs(app.openAPIRegistry);
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Outcome Ledger API',
      version: SERVICE_VERSION,
      description,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    // Relative: the document describes the server it is served from, whatever its public address.
    servers: [{ url: '/', description: 'The server this document is served from' }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: API_TAGS,
  });
}
