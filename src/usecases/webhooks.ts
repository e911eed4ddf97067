import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors/api-error.ts';
import type { Clock } from '../clock.ts';
import { kyselyExec, PLATFORM_CHAIN } from '../db/queries/audit.ts';
import type { AuditVerification } from '../db/queries/audit-verify.ts';
import { obligationsOf, settlementsOf } from '../db/queries/money.ts';
import {
  disableEndpoint, findDelivery, findEndpoint, insertEndpoint, overdueCandidates, scheduleRedelivery,
} from '../db/queries/webhooks.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/schema.ts';
import { reconcile } from '../domain/ledger/accounts.ts';
import { formatAmount } from '../domain/money/money.ts';
import { dateInZone } from '../domain/time/dates.ts';
import { newWebhookSecret } from '../jobs/webhook-delivery.ts';
import { organisationOf, SCHEDULER, type WriteContext } from './context.ts';
import { ledgerObligation, ledgerSettlement } from './record-settlement.ts';
import { runWrite } from './run-write.ts';
import { emitWebhookEvent, type WebhookEventType } from './webhooks-events.ts';

/**
 * Webhook actions: an organisation registers, disables (both audited on the platform chain, the
 * state digest covering the secret without revealing it) and redelivers to its endpoints; the
 * scheduler notices obligations becoming overdue; a failed audit verification is reported.
 */

/** Private, loopback and link-local targets (by literal address or `localhost`): refused unless allowed. */
export function isPrivateTarget(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (host.includes(':')) {
    return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  }
  return false;
}

export async function registerWebhookEndpoint(
  ctx: WriteContext,
  input: { url: string; eventTypes: WebhookEventType[]; description?: string | undefined; allowPrivateTargets: boolean },
) {
  const organisationId = organisationOf(ctx.actor);
  if (ctx.actor.keyScope !== 'admin') throw new ApiError('forbidden', "Only an admin key of the organisation manages its webhook endpoints.");
  const url = new URL(input.url);
  const problem = (message: string) => new ApiError('validation_failed', `url: ${message}`, { errors: [{ location: 'body', path: 'url', message }] });
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw problem('must be an http(s) URL');
  if (url.username || url.password) throw problem('must not carry credentials');
  if (!input.allowPrivateTargets && isPrivateTarget(url)) {
    throw problem('points to a private, loopback or link-local address, which this service does not call (WEBHOOK_ALLOW_PRIVATE_TARGETS)');
  }
  const secret = newWebhookSecret();
  const row = await insertEndpoint(ctx.trx, {
    id: newId(ctx.now.getTime()), organisationId, url: url.toString(), description: input.description ?? null,
    eventTypes: [...new Set(input.eventTypes)], secret, at: ctx.now,
  });
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'webhook_endpoint.registered', entityType: 'webhook_endpoint', entityId: row.id, state: row });
  return { row, secret };
}

async function ownEndpoint(ctx: WriteContext, endpointId: string) {
  const organisationId = organisationOf(ctx.actor);
  const endpoint = await findEndpoint(ctx.trx, organisationId, endpointId, true);
  if (!endpoint) throw new ApiError('not_found', 'No such webhook endpoint.');
  if (ctx.actor.keyScope !== 'admin') throw new ApiError('forbidden', "Only an admin key of the organisation manages its webhook endpoints.");
  return endpoint;
}

/** Disables an endpoint: nothing more is delivered to it (pending deliveries stay in its log, unsent). */
export async function disableWebhookEndpoint(ctx: WriteContext, input: { endpointId: string }) {
  const endpoint = await ownEndpoint(ctx, input.endpointId);
  if (!endpoint.enabled) return endpoint;
  const row = await disableEndpoint(ctx.trx, endpoint.id, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'webhook_endpoint.disabled', entityType: 'webhook_endpoint', entityId: row.id, state: row });
  return row;
}

/** Schedules a delivery again now, whatever its state, with a fresh day of retries. */
export async function redeliverWebhook(ctx: WriteContext, input: { endpointId: string; deliveryId: string }) {
  const endpoint = await ownEndpoint(ctx, input.endpointId);
  if (!endpoint.enabled) throw new ApiError('invalid_state', 'This endpoint is disabled: nothing is delivered to it.');
  const delivery = await findDelivery(ctx.trx, endpoint.id, input.deliveryId, true);
  if (!delivery) throw new ApiError('not_found', 'No such delivery of this endpoint.');
  await scheduleRedelivery(ctx.trx, delivery.id, ctx.now);
  return (await findDelivery(ctx.trx, endpoint.id, delivery.id))!;
}

/**
 * The overdue sweep: every obligation past its due date (in its contract's time zone) with
 * something still unpaid once settlements and credits are applied (the same reconciliation as the
 * status view) gives one `obligation.overdue` event, once (its dedupe key), per contract in one
 * write by the scheduler. Returns how many events were written.
 */
export async function emitOverdueObligations(db: Kysely<Database>, clock: Clock): Promise<number> {
  let emitted = 0;
  for (const { contract_id: contractId, time_zone: timeZone } of await overdueCandidates(db, clock())) {
    const { response } = await runWrite(db, { actor: SCHEDULER, clock }, async (ctx) => {
      const today = dateInZone(ctx.now, timeZone);
      const obligations = await obligationsOf(ctx.trx, contractId);
      const ledger = reconcile(obligations.map(ledgerObligation), (await settlementsOf(ctx.trx, contractId)).map(ledgerSettlement), today);
      let count = 0;
      for (const o of obligations) {
        const remaining = ledger.remaining.get(o.id);
        if (o.due_on >= today || !remaining || remaining.lte(0)) continue;
        const id = await emitWebhookEvent(kyselyExec(ctx.trx), ctx.now, {
          type: 'obligation.overdue',
          dedupeKey: `obligation.overdue:${o.id}`,
          data: {
            contractId, obligationId: o.id, amount: formatAmount(o.amount, o.currency), outstanding: formatAmount(remaining, o.currency), currency: o.currency,
            dueOn: o.due_on, payer: { party: o.payer_party, organisationId: o.payer_organisation_id },
            recipient: { party: o.recipient_party, organisationId: o.recipient_organisation_id },
          },
        });
        if (id) count++;
      }
      return { status: 200, body: count };
    });
    emitted += response.body;
  }
  return emitted;
}

/**
 * A verification of an audit chain found a problem: one `audit.verification_failed` event per
 * chain and distinct problem (a verification repeated on the same broken chain does not repeat
 * it), in a small transaction of its own (verifications are reads). Only a broken chain, a changed
 * state or a changed evaluation counts: a receipt that is not in the chain is the caller's
 * answer alone (anyone may send any receipt).
 */
export async function reportAuditVerificationFailure(db: Kysely<Database>, clock: Clock, report: AuditVerification): Promise<void> {
  const broken = !report.links.ok || report.states.mismatches.length > 0 || (report.evaluations?.mismatches.length ?? 0) > 0;
  if (!broken || !report.firstProblem) return;
  const contractId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(report.chain) ? report.chain : null;
  const problemKey = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(report.firstProblem))))
    .map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32);
  await runWrite(db, { actor: SCHEDULER, clock }, async (ctx) => {
    await ctx.emit({
      type: 'audit.verification_failed',
      dedupeKey: `audit.verification_failed:${report.chain}:${problemKey}`,
      data: { chain: report.chain, contractId, firstProblem: report.firstProblem! },
    });
    return { status: 200, body: null };
  });
}
