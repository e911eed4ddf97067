import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the audit trail records of an entity: its rows as stored. Writers pass the row they wrote
 * (or changed) as the entry's state; verification re-reads the same rows with `loadEntityState`
 * and compares digests, so one definition serves both sides and a row changed behind the
 * database's back no longer matches the latest entry about it.
 *
 * Entity kinds and their rows:
 * - organisation: its row, and its declared identifier when it has one ({ organisation, identifier });
 * - api_key, contract, contract_approval, evaluation, obligation, drawdown,
 *   settlement, distribution, webhook_endpoint: the row of that table with the entity's id;
 * - dispute (migration 0015): its row, opened then resolved (the one change the database allows);
 * - submission: its stored receipt (the `response` column: rows, corrections, body digest, who,
 *   when), written in the upload's bulk session where rows are not read back;
 * - contract_version: the version row and its party bindings (contract_party rows, sorted);
 * - member, invitation (migration 0013): the row of that table; organisation_security: the row of
 *   the organisation it is keyed by; a member's row without its removal columns while the person
 *   is a member (migration 0023, `auditedState`);
 * - review_batch: a summary of every review row of the batch (count, decision, reason, who, when)
 *   with a digest of its records and decisions computed in the database (batches can hold
 *   millions of rows).
 *
 * Who did it (migration 0014): the rows of contract_approval, evaluation, drawdown and settlement
 * carry `member_id` only when a person did it (`auditedRow`), and a review batch's reviewers name
 * the key, or `member:<id>` for a person; so rows written before keep the state and digest
 * their entries recorded.
 */
export const AUDITED_ENTITY_TYPES = [
  'organisation', 'api_key', 'contract', 'contract_version', 'contract_approval', 'submission', 'review_batch', 'evaluation',
  'obligation', 'drawdown', 'settlement', 'distribution', 'member', 'invitation', 'organisation_security', 'webhook_endpoint',
  'dispute',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

const singleRowTables = {
  api_key: 'api_key',
  contract: 'contract',
  contract_approval: 'contract_approval',
  evaluation: 'evaluation',
  obligation: 'obligation',
  drawdown: 'drawdown',
  settlement: 'settlement',
  distribution: 'distribution',
  member: 'member',
  invitation: 'invitation',
  webhook_endpoint: 'webhook_endpoint',
  dispute: 'dispute',
} as const;

/** Tables whose rows carry `member_id` since migration 0014, audited with it only when it is set. */
const actorTables: ReadonlySet<string> = new Set(['contract_approval', 'evaluation', 'drawdown', 'settlement']);

/** The audited state of a row that may carry `member_id`: without it when null (a key or the scheduler did it), as before migration 0014. */
export function auditedRow<T extends { member_id?: string | null }>(row: T): T | Omit<T, 'member_id'> {
  if (row.member_id != null) return row;
  const { member_id: _, ...rest } = row;
  return rest;
}

/** The removal columns of a person (migration 0023): audited only once set, so a member's earlier digests stay true. */
const REMOVAL_COLUMNS = ['removed_at', 'removed_by_member_id', 'removed_by_key_id'] as const;

/**
 * The audited state of an entity as a writer passes it: a person still a member is audited without
 * the removal columns, as before migration 0023. The audit trail applies it to every state it
 * records (appendAudit) and verification to every row it reads back (loadEntityState).
 */
export function auditedState(entityType: string, state: unknown): unknown {
  if (entityType !== 'member' || state === null || typeof state !== 'object') return state;
  const row = state as Record<string, unknown>;
  if (row.removed_at != null || !REMOVAL_COLUMNS.some((column) => column in row)) return state;
  return Object.fromEntries(Object.entries(row).filter(([column]) => !(REMOVAL_COLUMNS as readonly string[]).includes(column)));
}

const sortParties = <T extends { party_key: string; role: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.party_key + '\u0000' + a.role < b.party_key + '\u0000' + b.role ? -1 : 1));

/** The audited state of an organisation: its row, with its declared identifier when it has one. */
export function organisationState(organisation: object, identifier: string | null | undefined) {
  return identifier ? { organisation, identifier } : organisation;
}

/** The audited state of a contract version: its row and its party bindings. */
export function versionState(version: object, parties: { party_key: string; role: string }[]) {
  return { version, parties: sortParties(parties) };
}

/** The audited state of a batch of reviews (see above); null when the batch has no rows. */
export async function reviewBatchState(db: Db, batchId: string) {
  const { rows } = await sql<{ reviews: string; decisions: string; reasons: string; reviewers: string; at: string; records_digest: string }>`
    select count(*)::text as reviews,
           string_agg(distinct decision, ',') as decisions,
           coalesce(string_agg(distinct reason, ' | '), '') as reasons,
           string_agg(distinct organisation_id::text || '/' || coalesce(api_key_id::text, 'member:' || member_id::text), ',') as reviewers,
           to_char(min(reviewed_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           encode(sha256(convert_to(coalesce(string_agg(coalesce(claim_id, result_id)::text || ':' || decision || ':' || coalesce(reason, ''), ','
             order by coalesce(claim_id, result_id)), ''), 'UTF8')), 'hex') as records_digest
    from measurement_review where batch_id = ${batchId}`.execute(db);
  const row = rows[0];
  return !row || row.reviews === '0' ? null : row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The current state of an audited entity, as the writer recorded it; undefined when the entity
 * kind is not audited by state or its id is not one (entries written before states were
 * recorded this way), null when the entity no longer exists.
 */
export async function loadEntityState(db: Db, entityType: string, entityId: string): Promise<unknown | null | undefined> {
  if (!UUID.test(entityId)) return undefined;
  if (entityType === 'contract_version') {
    const version = await db.selectFrom('contract_version').selectAll().where('id', '=', entityId).executeTakeFirst();
    if (!version) return null;
    const parties = await db.selectFrom('contract_party').selectAll().where('version_id', '=', entityId).execute();
    return versionState(version, parties);
  }
  if (entityType === 'organisation') {
    const row = await db.selectFrom('organisation').selectAll().where('id', '=', entityId).executeTakeFirst();
    if (!row) return null;
    const { rows } = await sql<{ identifier: string }>`select identifier from organisation_identifier where organisation_id = ${entityId}`.execute(db);
    return organisationState(row, rows[0]?.identifier);
  }
  if (entityType === 'submission') {
    const row = await db.selectFrom('submission').select('response').where('id', '=', entityId).executeTakeFirst();
    return row ? row.response : null;
  }
  if (entityType === 'organisation_security') {
    const row = await db.selectFrom('organisation_security').selectAll().where('organisation_id', '=', entityId).executeTakeFirst();
    return row ?? null;
  }
  if (entityType === 'review_batch') {
    return reviewBatchState(db, entityId);
  }
  const table = singleRowTables[entityType as keyof typeof singleRowTables];
  if (!table) return undefined;
  const row = await (db as Kysely<Database>).selectFrom(table).selectAll().where('id', '=', entityId).executeTakeFirst();
  if (!row) return null;
  return actorTables.has(table) ? auditedRow(row as { member_id?: string | null }) : auditedState(entityType, row);
}
