import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * Delivering the webhook outbox, Standard Webhooks style (https://www.standardwebhooks.com):
 * each delivery is a POST of the event's JSON body with
 *   webhook-id: <event id>  (the same on every attempt: receivers dedupe by it)
 *   webhook-timestamp: <seconds since the epoch, of this attempt>
 *   webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" under the endpoint's secret>
 * (the secret is `whsec_<base64>`; its bytes are the base64 part, decoded).
 *
 * At least once: a due delivery is claimed (`FOR UPDATE SKIP LOCKED`, so several instances never
 * claim the same one) by counting the attempt and pushing `next_attempt_at` a lease ahead, in a
 * short transaction; the POST runs outside any transaction; a 2xx marks it delivered, anything else
 * (another status, a redirect, a timeout, a refused connection) schedules the next attempt after
 * 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then every 8 h, until a day after the delivery
 * was created: then it is `failed` (the redelivery route schedules it again). A process killed
 * during a POST leaves the lease to expire, and the delivery is attempted again.
 */

export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000];
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** How long a claimed delivery is held: longer than an attempt can take (the timeout), after which a crashed attempt is retried. */
const LEASE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

export function retryDelay(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]!;
}

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export interface DeliveryOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Deliveries claimed per round. */
  batch?: number;
  logger?: Logger;
}

interface Claimed {
  id: string;
  attempts: number;
  created_at: Date;
  event_id: string;
  payload: unknown;
  url: string;
  secret: string;
}

const encoder = new TextEncoder();

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** A new endpoint secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** The `webhook-signature` value for a message (Web Crypto: the same on Node and Workers). */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`));
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

async function claim(db: Kysely<Database>, now: Date, batch: number): Promise<Claimed[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from webhook_delivery
      where state = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and exists (select 1 from webhook_endpoint e where e.id = endpoint_id and e.enabled)
      order by next_attempt_at, id limit ${batch}
      for update skip locked`.execute(trx);
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await trx.updateTable('webhook_delivery')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
      .where('id', 'in', ids).execute();
    return await trx.selectFrom('webhook_delivery as d')
      .innerJoin('webhook_event as ev', 'ev.id', 'd.event_id')
      .innerJoin('webhook_endpoint as ep', 'ep.id', 'd.endpoint_id')
      .select(['d.id', 'd.attempts', 'd.created_at', 'd.event_id', 'ev.payload', 'ep.url', 'ep.secret'])
      .where('d.id', 'in', ids).orderBy('d.next_attempt_at').orderBy('d.id').execute();
  });
}

async function attempt(delivery: Claimed, options: DeliveryOptions): Promise<{ status: number | null; error: string | null }> {
  const body = JSON.stringify(delivery.payload);
  // The wall clock, not the service's clock: receivers check the signature's freshness against theirs.
  const timestamp = Math.floor(Date.now() / 1000);
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'OutcomeLedger-Webhooks/1',
        'webhook-id': delivery.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await signWebhook(delivery.secret, delivery.event_id, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { status: response.status, error: null };
    return { status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: null, error: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, MAX_ERROR_LENGTH) };
  }
}

/**
 * One round: claims the due deliveries (up to `batch`), attempts them concurrently, and records
 * each result. Returns what happened. Called by the scheduler loop (Node) or the cron trigger
 * (Workers), and directly by tests.
 */
export async function deliverDueWebhooks(db: Kysely<Database>, clock: Clock, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const now = clock();
  const claimed = await claim(db, now, options.batch ?? 50);
  const results = await Promise.all(claimed.map(async (d) => ({ d, result: await attempt(d, options) })));
  for (const { d, result } of results) {
    report.attempted++;
    const done = new Date(Math.max(clock().getTime(), now.getTime()));
    const common = { last_status: result.status, last_error: result.error };
    let update;
    if (result.error === null) {
      report.delivered++;
      update = { ...common, state: 'delivered' as const, delivered_at: done };
    } else {
      const next = new Date(now.getTime() + retryDelay(d.attempts));
      const giveUp = next.getTime() > d.created_at.getTime() + GIVE_UP_AFTER_MS;
      if (giveUp) report.failed++;
      else report.retrying++;
      update = giveUp ? { ...common, state: 'failed' as const } : { ...common, next_attempt_at: next };
      options.logger?.warn({ deliveryId: d.id, eventId: d.event_id, attempts: d.attempts, error: result.error, giveUp }, 'webhook delivery failed');
    }
    // Only if still ours: not redelivered, nor claimed again after the lease ran out.
    await db.updateTable('webhook_delivery').set(update).where('id', '=', d.id).where('state', '=', 'pending').where('attempts', '=', d.attempts).execute();
  }
  return report;
}
