import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from '../../usecases/webhooks-events.ts';

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).openapi('WebhookEventType', {
  description: Object.entries(WEBHOOK_EVENTS).map(([type, { summary }]) => `- \`${type}\`: ${summary}`).join('\n'),
});

export const RegisterWebhookEndpointBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000).openapi({
      description: 'Where events are POSTed: an http(s) URL. Private, loopback and link-local addresses are refused unless the service allows them (WEBHOOK_ALLOW_PRIVATE_TARGETS).',
      example: 'https://hooks.example.org/outcome-ledger',
    }),
    eventTypes: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).openapi({ description: 'The event types to receive' }),
    description: z.string().trim().max(300).optional(),
  })
  .openapi('RegisterWebhookEndpoint');

export const WebhookEndpointSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(WebhookEventTypeSchema),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .openapi('WebhookEndpoint');

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({
    description: 'The signing secret, `whsec_<base64>`: shown in this answer only (a retry with the same Idempotency-Key answers null). ' +
      'Verify each delivery with it (see the `webhooks` of this document).',
  }),
}).openapi('CreatedWebhookEndpoint');

export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointSchema) }).openapi('WebhookEndpointList');

export const WebhookDeliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().openapi({ description: 'The event, as sent in `webhook-id`' }),
    type: WebhookEventTypeSchema,
    contractId: z.uuid().nullable(),
    occurredAt: z.iso.datetime(),
    state: z.enum(['pending', 'delivered', 'failed']).openapi({ description: '`failed`: no 2xx within a day of retries; redeliver it to try again' }),
    attempts: z.number().int(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastStatus: z.number().int().nullable().openapi({ description: "The HTTP status of the last attempt's answer (null: no answer)" }),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().openapi({ description: 'When it is attempted next (pending deliveries only)' }),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .openapi('WebhookDelivery');

export const WebhookDeliveryPage = z
  .object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable().openapi({ description: 'null on the last page' }) })
  .openapi('WebhookDeliveryPage');

export const EndpointParams = z.object({ endpointId: z.uuid().openapi({ param: { name: 'endpointId', in: 'path' } }) });
export const DeliveryParams = EndpointParams.extend({ deliveryId: z.uuid().openapi({ param: { name: 'deliveryId', in: 'path' } }) });
export const DeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Items per page (1-500, default 50)' }),
  cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
});

// Payloads: what a receiver gets. Identifiers, references, counts and amounts only.
const Party = z.object({ party: z.string(), organisationId: z.uuid() }).openapi('WebhookPartyRef');
const Amount = z.string().openapi({ description: "Exact decimal in the currency's minor unit", example: '2600.00' });
const Kind = z.enum(['participant_claims', 'aggregate_results']);

export const webhookDataSchemas = {
  'contract.version_proposed': z.object({
    contractId: z.uuid(), reference: z.string(), versionId: z.uuid(), versionNumber: z.number().int(), kind: z.enum(['original', 'amendment']),
    contentHash: z.string().openapi({ description: 'Approve this hash: `POST /v1/contracts/{id}/approvals`' }), proposedBy: z.uuid(),
  }),
  'contract.version_in_force': z.object({ contractId: z.uuid(), reference: z.string(), versionId: z.uuid(), versionNumber: z.number().int(), contentHash: z.string() }),
  'data.submitted': z.object({ contractId: z.uuid(), submissionId: z.uuid(), kind: Kind, rows: z.number().int(), corrections: z.number().int(), contractVersion: z.number().int() }),
  'data.reviewed': z.object({ contractId: z.uuid(), batchId: z.uuid(), kind: Kind, decision: z.enum(['validated', 'rejected']), records: z.number().int() }),
  'evaluation.completed': z.object({
    contractId: z.uuid(), evaluationId: z.uuid(), trigger: z.enum(['manual', 'scheduled']), asOf: z.iso.date(),
    obligations: z.number().int().openapi({ description: 'How many obligations it created (each also sent as `obligation.created`)' }),
  }),
  'obligation.created': z.object({
    contractId: z.uuid(), obligationId: z.uuid(), evaluationId: z.uuid(), kind: z.enum(['payment', 'adjustment']), amount: Amount, currency: z.string(),
    dueOn: z.iso.date(), payer: Party, recipient: Party,
  }),
  'obligation.overdue': z.object({
    contractId: z.uuid(), obligationId: z.uuid(), amount: Amount, outstanding: Amount.openapi({ description: 'What remained unpaid when it was noticed' }),
    currency: z.string(), dueOn: z.iso.date(), payer: Party, recipient: Party,
  }),
  'settlement.recorded': z.object({ contractId: z.uuid(), settlementId: z.uuid(), obligationId: z.uuid(), amount: Amount, currency: z.string(), settledOn: z.iso.date() }),
  'audit.verification_failed': z.object({
    chain: z.string(), contractId: z.uuid().nullable(), firstProblem: z.string().openapi({ description: 'What is wrong first, as `GET …/audit/verify` says it' }),
  }),
  'dispute.opened': z.object({
    contractId: z.uuid(), disputeId: z.uuid(), kind: Kind, recordId: z.uuid().openapi({ description: 'The rejected record disputed' }),
    evidenceRef: z.string().openapi({ description: "The operator's reference to its evidence" }),
  }),
  'dispute.resolved': z.object({
    contractId: z.uuid(), disputeId: z.uuid(), kind: Kind, recordId: z.uuid(),
    decision: z.enum(['upheld', 'dismissed']).openapi({ description: '`upheld`: the record is validated and counts from the next evaluation; `dismissed`: it stays rejected' }),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;

const pascal = (type: string) => type.split(/[._]/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** The body POSTed for an event type. */
export function webhookPayloadSchema(type: WebhookEventType) {
  return z.object({
    id: z.uuid().openapi({ description: 'The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)' }),
    type: z.literal(type),
    timestamp: z.iso.datetime().openapi({ description: 'When it happened' }),
    contractId: z.uuid().nullable(),
    data: webhookDataSchemas[type],
    links: z.record(z.string(), z.string()).openapi({ description: 'API paths (relative to the service) of the resources concerned' }),
  }).openapi(`${pascal(type)}Event`);
}

export const WebhookHeaders = z.object({
  'webhook-id': z.uuid().openapi({ description: 'The event id; the same on every retry' }),
  'webhook-timestamp': z.string().regex(/^\d+$/).openapi({ description: 'Seconds since the epoch, when this attempt was signed' }),
  'webhook-signature': z.string().openapi({
    description: '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_`',
  }),
});
