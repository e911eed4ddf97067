import type { Selectable } from 'kysely';
import { deliveriesOf, type DeliveryRow, endpointsOf, findEndpoint } from '../../db/queries/webhooks.ts';
import type { WebhookEndpointTable } from '../../db/schema.ts';
import { disableWebhookEndpoint as disableAction, redeliverWebhook as redeliverAction, registerWebhookEndpoint as registerAction } from '../../usecases/webhooks.ts';
import type { WebhookEventType } from '../../usecases/webhooks-events.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import { perform } from '../write.ts';
import type * as routes from './webhooks.routes.ts';

/** An endpoint as the API shows it: never its secret. */
export const endpointView = (e: Selectable<WebhookEndpointTable>) => ({
  id: e.id, organisationId: e.organisation_id, url: e.url, description: e.description, eventTypes: e.event_types as WebhookEventType[],
  enabled: e.enabled, createdAt: e.created_at.toISOString(), disabledAt: e.disabled_at?.toISOString() ?? null,
});

export const deliveryView = (d: DeliveryRow) => ({
  id: d.id, eventId: d.event_id, type: d.type as WebhookEventType, contractId: d.contract_id, occurredAt: d.occurred_at.toISOString(), state: d.state,
  attempts: d.attempts, lastAttemptAt: d.last_attempt_at?.toISOString() ?? null, lastStatus: d.last_status, lastError: d.last_error,
  nextAttemptAt: d.state === 'pending' ? d.next_attempt_at.toISOString() : null, deliveredAt: d.delivered_at?.toISOString() ?? null,
});

const noSuchEndpoint = () => new ApiError('not_found', 'No such webhook endpoint.');

export const registerWebhookEndpoint: AppRouteHandler<typeof routes.registerWebhookEndpoint> = async (c) => {
  const input = c.req.valid('json');
  const allowPrivateTargets = c.var.deps.config.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  return perform(c, 201, async (ctx) => {
    const { row, secret } = await registerAction(ctx, { ...input, allowPrivateTargets });
    return { ...endpointView(row), secret };
  }, { keep: (body) => ({ ...(body as object), secret: null }) }) as never;
};

export const listWebhookEndpoints: AppRouteHandler<typeof routes.listWebhookEndpoints> = async (c) => {
  return c.json({ items: (await endpointsOf(c.var.db, c.var.principal.organisationId)).map(endpointView) }, 200);
};

export const disableWebhookEndpoint: AppRouteHandler<typeof routes.disableWebhookEndpoint> = async (c) => {
  const { endpointId } = c.req.valid('param');
  return perform(c, 200, async (ctx) => endpointView(await disableAction(ctx, { endpointId }))) as never;
};

export const listWebhookDeliveries: AppRouteHandler<typeof routes.listWebhookDeliveries> = async (c) => {
  const { endpointId } = c.req.valid('param');
  const { limit, cursor, state } = c.req.valid('query');
  if (!(await findEndpoint(c.var.db, c.var.principal.organisationId, endpointId))) throw noSuchEndpoint();
  const rows = await deliveriesOf(c.var.db, endpointId, { before: decodeCursor(cursor), limit: limit + 1, state });
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  return c.json({ items: items.map(deliveryView), nextCursor }, 200);
};

export const redeliverWebhook: AppRouteHandler<typeof routes.redeliverWebhook> = async (c) => {
  const { endpointId, deliveryId } = c.req.valid('param');
  return perform(c, 200, async (ctx) => deliveryView(await redeliverAction(ctx, { endpointId, deliveryId }))) as never;
};
