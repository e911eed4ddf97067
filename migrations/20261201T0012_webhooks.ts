import { type Kysely, sql } from 'kysely';

/**
 * Webhooks (issue 16): the endpoints organisations register, the outbox of events, and one
 * delivery per event and subscribed endpoint (the delivery log).
 *
 * - `webhook_endpoint`: an organisation's URL, the event types it subscribes to (a JSON array of
 *   strings), and its signing secret (`whsec_<base64>`; kept because signing needs it, never
 *   answered after creation). Disabled rather than deleted, so its delivery log stays readable.
 * - `webhook_event`: written in the same transaction as the write that causes it (no event for a
 *   rolled-back write, none lost for a committed one). `dedupe_key` makes an event that must
 *   happen once (an obligation becoming overdue, a failed audit verification) unique.
 * - `webhook_delivery`: an event × endpoint, created with the event (fan-out at write time to the
 *   organisations entitled to see it); `state` pending → delivered | failed, `attempts`,
 *   `next_attempt_at` (also the lease of a delivery being attempted), the last status or error.
 *
 * Not tables of record (no immutability triggers): deliveries change as they are attempted, and
 * endpoints are disabled. Registering and disabling an endpoint are audited (its row, on the
 * platform chain); events and deliveries are not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table webhook_endpoint (
    id uuid primary key,
    organisation_id uuid not null references organisation (id),
    url text not null check (url ~ '^https?://' and length(url) <= 2000),
    description text,
    event_types jsonb not null check (jsonb_typeof(event_types) = 'array'),
    secret text not null,
    enabled boolean not null default true,
    created_at timestamptz not null default now(),
    disabled_at timestamptz
  )`.execute(db);
  await sql`create index webhook_endpoint_organisation on webhook_endpoint (organisation_id) where enabled`.execute(db);

  await sql`create table webhook_event (
    id uuid primary key,
    type text not null,
    contract_id uuid references contract (id),
    payload jsonb not null,
    occurred_at timestamptz not null,
    dedupe_key text unique
  )`.execute(db);
  await sql`create index webhook_event_contract on webhook_event (contract_id, occurred_at)`.execute(db);

  await sql`create table webhook_delivery (
    id uuid primary key,
    event_id uuid not null references webhook_event (id),
    endpoint_id uuid not null references webhook_endpoint (id),
    state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    last_status integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz not null,
    unique (event_id, endpoint_id)
  )`.execute(db);
  await sql`create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'pending'`.execute(db);
  await sql`create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at)`.execute(db);
}
