import type { OpenAPIHono } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from '../../usecases/webhooks-events.ts';
import { createRouter } from '../router.ts';
import * as handlers from './webhooks.handlers.ts';
import * as routes from './webhooks.routes.ts';
import { WebhookHeaders, webhookPayloadSchema } from './webhooks.schemas.ts';

export const webhooksRouter = createRouter()
  .openapi(routes.registerWebhookEndpoint, handlers.registerWebhookEndpoint)
  .openapi(routes.listWebhookEndpoints, handlers.listWebhookEndpoints)
  .openapi(routes.disableWebhookEndpoint, handlers.disableWebhookEndpoint)
  .openapi(routes.listWebhookDeliveries, handlers.listWebhookDeliveries)
  .openapi(routes.redeliverWebhook, handlers.redeliverWebhook);

export const WEBHOOKS_TAG = {
  name: 'Webhooks',
  description: 'Endpoints your organisation registers to be told when something happens on its contracts (versions proposed and in force, ' +
    'data submitted and reviewed, disputes opened and resolved, evaluations, obligations created and overdue, settlements, failed audit verifications), ' +
    'and their delivery log. Each event type, with its payload, is under `webhooks` in this document.',
};

const camel = (type: string) => type.split(/[._]/).map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');

/** Declares every event type under the document's top-level `webhooks` (OpenAPI 3.1): its headers and payload. */
export function registerWebhookDocs(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `${camel(type)}Webhook`,
      tags: ['Webhooks'],
      summary: WEBHOOK_EVENTS[type].summary,
      description: `Sent to the subscribed endpoints of the parties whose role lets them see it through the API (\`${WEBHOOK_EVENTS[type].action}\`)` +
        `${type === 'contract.version_proposed' ? ', and only to those whose approval the version needs' : ''}` +
        `${type === 'dispute.opened' ? ', and only to the outcome payers, evaluators and validators (the operator opened it)' : ''}. ` +
        'Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).',
      security: [],
      request: {
        headers: WebhookHeaders,
        body: { required: true, content: { 'application/json': { schema: webhookPayloadSchema(type) } } },
      },
      responses: {
        200: { description: 'Any 2xx answer acknowledges the event' },
        '4XX': { description: 'Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s' },
      },
    });
  }
}
