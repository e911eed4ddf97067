import { createRoute } from '@hono/zod-openapi';
import { authenticate } from '../auth/authenticate.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import { writeRoute } from '../write.ts';
import {
  CreatedWebhookEndpointSchema, DeliveriesQuery, DeliveryParams, EndpointParams, RegisterWebhookEndpointBody, WebhookDeliveryPage, WebhookDeliverySchema,
  WebhookEndpointListSchema, WebhookEndpointSchema,
} from './webhooks.schemas.ts';

const tags = ['Webhooks'];
const access = '\n\n**Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.';

export const registerWebhookEndpoint = createRoute(writeRoute({
  method: 'post',
  path: '/v1/webhook-endpoints',
  operationId: 'registerWebhookEndpoint',
  tags,
  summary: 'Register a webhook endpoint',
  description:
    'Your organisation receives the chosen events (see `webhooks` in this document) about the contracts it is party to, as the API would ' +
    'show them to it: a POST of the event as JSON, signed Standard Webhooks style with the `secret` of the answer — shown only in this answer. ' +
    'Retried with back-off for a day until a 2xx answer.' + access,
  middleware: [authenticate] as const,
  request: { body: body(RegisterWebhookEndpointBody) },
  responses: {
    201: { description: 'Registered; the secret is in this answer only', ...json(CreatedWebhookEndpointSchema) },
    ...errorsFor(400, 401, 403, 413, 415, 422, 429),
  },
}));

export const listWebhookEndpoints = createRoute({
  method: 'get',
  path: '/v1/webhook-endpoints',
  operationId: 'listWebhookEndpoints',
  tags,
  summary: "Your organisation's webhook endpoints (without their secrets)",
  description: `Enabled and disabled, oldest first.${access}`,
  middleware: [authenticate] as const,
  responses: {
    200: { description: 'Endpoints', ...json(WebhookEndpointListSchema) },
    ...errorsFor(401, 429),
  },
});

export const disableWebhookEndpoint = createRoute(writeRoute({
  method: 'delete',
  path: '/v1/webhook-endpoints/{endpointId}',
  operationId: 'disableWebhookEndpoint',
  tags,
  summary: 'Disable a webhook endpoint',
  description: 'Nothing more is delivered to it, from now on; its delivery log stays readable. Disabling it again changes nothing.' + access,
  middleware: [authenticate] as const,
  request: { params: EndpointParams },
  responses: {
    200: { description: 'Disabled', ...json(WebhookEndpointSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
}));

export const listWebhookDeliveries = createRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{endpointId}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: "An endpoint's delivery log, newest first",
  description: 'One delivery per event sent to the endpoint: its state, attempts, the last answer or error and when it is tried next.' + access,
  middleware: [authenticate] as const,
  request: { params: EndpointParams, query: DeliveriesQuery },
  responses: {
    200: { description: 'A page of deliveries', ...json(WebhookDeliveryPage) },
    ...errorsFor(400, 401, 404, 429),
  },
});

export const redeliverWebhook = createRoute(writeRoute({
  method: 'post',
  path: '/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redelivery',
  operationId: 'redeliverWebhook',
  tags,
  summary: 'Deliver an event again',
  description: 'Schedules the delivery now, whatever its state (failed after a day of retries, or delivered and lost on your side), ' +
    'with a new day of retries. The event keeps its id (`webhook-id`).' + access,
  middleware: [authenticate] as const,
  request: { params: DeliveryParams },
  responses: {
    200: { description: 'Scheduled', ...json(WebhookDeliverySchema) },
    ...errorsFor(400, 401, 403, 404, 409, 429),
  },
}));
