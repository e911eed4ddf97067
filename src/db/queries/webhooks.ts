import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../ids.ts';
import type { Database, WebhookDeliveryState } from '../schema.ts';
import type { Exec } from './audit.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Webhook queries: the outbox (written through an `Exec`, so the same code runs in a Kysely
 * transaction and in a bulk upload session), endpoints and the delivery log.
 */

export interface OutboxEvent {
  type: string;
  contractId: string | null;
  /** The whole body sent to receivers (`{ id, type, timestamp, contractId, data }`). */
  payload: (id: string) => unknown;
  occurredAt: Date;
  /** Roles of the contract that may receive it (the API's permission for the same facts). */
  roles: readonly string[];
  /** Only these organisations, when the event is for some parties only (e.g. the approvers of a version). */
  organisations?: readonly string[] | undefined;
  /** An event that must exist once (e.g. `obligation.overdue:<id>`): a second emission is a no-op. */
  dedupeKey?: string | undefined;
}

/**
 * Writes the event and one pending delivery per enabled endpoint subscribed to its type whose
 * organisation may see it: a party to the contract (bound in the version in force or proposed,
 * exactly as the API decides who is party) with one of `roles`; for an event outside any
 * contract, the platform's organisation. Returns the event id, or null for a duplicate.
 */
export async function insertOutboxEvent(exec: Exec, event: OutboxEvent): Promise<string | null> {
  const id = newId(event.occurredAt.getTime());
  const at = event.occurredAt.toISOString();
  const inserted = await exec(
    `insert into webhook_event (id, type, contract_id, payload, occurred_at, dedupe_key)
     values ($1::uuid, $2, $3::uuid, ($4::text)::jsonb, $5::timestamptz, $6)
     on conflict (dedupe_key) do nothing returning id`,
    [id, event.type, event.contractId, JSON.stringify(event.payload(id)), at, event.dedupeKey ?? null],
  );
  if (inserted.length === 0) return null;
  const only = event.organisations ? JSON.stringify(event.organisations) : null;
  const endpoints = event.contractId
    ? await exec(
      `select e.id from webhook_endpoint e
       where e.enabled and e.event_types @> jsonb_build_array($1::text)
         and e.organisation_id in (
           select p.organisation_id from contract_party p join contract_version v on v.id = p.version_id
           where p.contract_id = $2::uuid and v.status in ('in_force', 'proposed')
             and p.role in (select jsonb_array_elements_text(($3::text)::jsonb)))
         and ($4::text is null or e.organisation_id::text in (select jsonb_array_elements_text(($4::text)::jsonb)))
       order by e.id`,
      [event.type, event.contractId, JSON.stringify(event.roles), only],
    )
    : await exec(
      `select e.id from webhook_endpoint e join organisation o on o.id = e.organisation_id
       where e.enabled and e.event_types @> jsonb_build_array($1::text) and o.kind = 'platform'
       order by e.id`,
      [event.type],
    );
  if (endpoints.length === 0) return id;
  const params: unknown[] = [id, at];
  const values = endpoints.map((e) => {
    params.push(newId(event.occurredAt.getTime()), e.id);
    return `($${params.length - 1}::uuid, $1::uuid, $${params.length}::uuid, $2::timestamptz, $2::timestamptz)`;
  });
  await exec(`insert into webhook_delivery (id, event_id, endpoint_id, next_attempt_at, created_at) values ${values.join(', ')}`, params);
  return id;
}

export async function insertEndpoint(db: Db, row: {
  id: string; organisationId: string; url: string; description: string | null; eventTypes: string[]; secret: string; at: Date;
}) {
  return db.insertInto('webhook_endpoint').values({
    id: row.id, organisation_id: row.organisationId, url: row.url, description: row.description, event_types: row.eventTypes,
    secret: row.secret, created_at: row.at,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function endpointsOf(db: Db, organisationId: string) {
  return db.selectFrom('webhook_endpoint').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

export async function findEndpoint(db: Db, organisationId: string, endpointId: string, lock = false) {
  let query = db.selectFrom('webhook_endpoint').selectAll().where('organisation_id', '=', organisationId).where('id', '=', endpointId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function disableEndpoint(db: Db, endpointId: string, at: Date) {
  return db.updateTable('webhook_endpoint').set({ enabled: false, disabled_at: at }).where('id', '=', endpointId).returningAll().executeTakeFirstOrThrow();
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  state: WebhookDeliveryState;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  type: string;
  contract_id: string | null;
  occurred_at: Date;
}

const deliveryColumns = [
  'd.id', 'd.event_id', 'd.endpoint_id', 'd.state', 'd.attempts', 'd.next_attempt_at', 'd.last_attempt_at', 'd.last_status', 'd.last_error',
  'd.delivered_at', 'd.created_at', 'ev.type', 'ev.contract_id', 'ev.occurred_at',
] as const;

/** The delivery log of an endpoint, newest first, from before the `before` id (a cursor). */
export async function deliveriesOf(db: Db, endpointId: string, options: { before?: string | undefined; limit: number; state?: WebhookDeliveryState | undefined }): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_delivery as d').innerJoin('webhook_event as ev', 'ev.id', 'd.event_id')
    .select(deliveryColumns).where('d.endpoint_id', '=', endpointId);
  if (options.before) query = query.where('d.id', '<', options.before);
  if (options.state) query = query.where('d.state', '=', options.state);
  return query.orderBy('d.id', 'desc').limit(options.limit).execute() as Promise<DeliveryRow[]>;
}

export async function findDelivery(db: Db, endpointId: string, deliveryId: string, lock = false): Promise<DeliveryRow | undefined> {
  let query = db.selectFrom('webhook_delivery as d').innerJoin('webhook_event as ev', 'ev.id', 'd.event_id')
    .select(deliveryColumns).where('d.endpoint_id', '=', endpointId).where('d.id', '=', deliveryId);
  if (lock) query = query.forUpdate(['d']);
  return query.executeTakeFirst() as Promise<DeliveryRow | undefined>;
}

/** Schedules a delivery again, now, with a fresh day of retries (its attempts are counted on). */
export async function scheduleRedelivery(db: Db, deliveryId: string, at: Date) {
  await db.updateTable('webhook_delivery').set({ state: 'pending', next_attempt_at: at, created_at: at, delivered_at: null }).where('id', '=', deliveryId).execute();
}

/** Obligations past due (in their contract's time zone) with no overdue event yet, per contract. */
export async function overdueCandidates(db: Db, now: Date): Promise<{ contract_id: string; time_zone: string }[]> {
  const { rows } = await sql<{ contract_id: string; time_zone: string }>`
    select distinct o.contract_id, v.definition->'evaluation'->>'timeZone' as time_zone
    from obligation o
    join contract_version v on v.contract_id = o.contract_id and v.status = 'in_force'
    where o.amount > 0
      and o.due_on < (${now.toISOString()}::timestamptz at time zone (v.definition->'evaluation'->>'timeZone'))::date
      and not exists (select 1 from webhook_event w where w.dedupe_key = 'obligation.overdue:' || o.id::text)
    order by o.contract_id`.execute(db);
  return rows;
}
