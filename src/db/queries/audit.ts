import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { entryHash, GENESIS } from '../../domain/audit/chain.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import type { BulkSession } from '../bulk.ts';
import { CHANGES_CHANNEL } from '../database.ts';
import { newId } from '../ids.ts';
import { auditedState } from './entity-states.ts';
import type { AuditEntry, Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Runs raw SQL in whichever transaction the write is in (Kysely or a bulk session). */
export type Exec = (text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export const kyselyExec = (db: Db): Exec => async (text, params) => (await db.executeQuery(CompiledQuery.raw(text, [...params]))).rows as Record<string, unknown>[];
export const bulkExec = (session: BulkSession): Exec => (text, params) => session.query(text, params);

export const PLATFORM_CHAIN = 'platform';

export interface AuditInput {
  /** The contract id, or PLATFORM_CHAIN for organisations and keys. */
  chain: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The entity's new state; the entry records its digest (contentDigest: sha256 of canonical JSON). */
  state: unknown;
  organisationId: string | null;
  apiKeyId: string | null;
  /** The person behind the write, if a person did it (covered by the entry's hash when set). */
  memberId?: string | null | undefined;
  requestId: string | null;
  recordedAt: Date;
}

/**
 * Appends an entry to a chain, in the caller's transaction. The chain is locked (advisory lock,
 * released at commit) so concurrent writers take consecutive numbers; take it last, after any
 * other lock the transaction needs.
 */
/** What a write returns to prove it was recorded: its place in the chain and the entry's hash. */
export interface AuditReceipt {
  chain: string;
  seq: number;
  entryHash: string;
}

export async function appendAudit(exec: Exec, input: AuditInput): Promise<AuditReceipt> {
  await exec(`select pg_advisory_xact_lock(hashtext('outcome-ledger:audit:' || $1))`, [input.chain]);
  const [last] = await exec(`select seq, entry_hash from audit_entry where chain = $1 order by seq desc limit 1`, [input.chain]);
  const seq = last ? Number(last.seq) + 1 : 1;
  const fields = {
    chain: input.chain, seq, action: input.action, entityType: input.entityType, entityId: input.entityId,
    stateDigest: await contentDigest(auditedState(input.entityType, input.state)), organisationId: input.organisationId, apiKeyId: input.apiKeyId, requestId: input.requestId,
    recordedAt: input.recordedAt.toISOString(), previousHash: last ? String(last.entry_hash) : GENESIS,
    ...(input.memberId ? { memberId: input.memberId } : {}),
  };
  const hash = await entryHash(fields);
  await exec(
    `insert into audit_entry (id, chain, seq, action, entity_type, entity_id, state_digest, organisation_id, api_key_id, request_id, recorded_at, previous_hash, entry_hash, member_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [newId(), fields.chain, seq, fields.action, fields.entityType, fields.entityId, fields.stateDigest, fields.organisationId,
      fields.apiKeyId, fields.requestId, fields.recordedAt, fields.previousHash, hash, input.memberId ?? null],
  );
  // Delivered at commit to every instance listening (their caches drop what this write changed).
  await exec(`select pg_notify('${CHANGES_CHANNEL}', $1)`, [input.chain]);
  return { chain: input.chain, seq, entryHash: hash };
}

export async function chainEntries(db: Db, chain: string, options: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_entry').selectAll().where('chain', '=', chain);
  if (options.afterSeq !== undefined) q = q.where('seq', '>', options.afterSeq);
  q = q.orderBy('seq');
  if (options.limit !== undefined) q = q.limit(options.limit);
  return q.execute();
}

export async function chains(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_entry').select('chain').distinct().orderBy('chain').execute();
  return rows.map((r) => r.chain);
}

export const toFields = (e: AuditEntry) => ({
  id: e.id, entryHash: e.entry_hash, chain: e.chain, seq: e.seq, action: e.action, entityType: e.entity_type, entityId: e.entity_id,
  stateDigest: e.state_digest, organisationId: e.organisation_id, apiKeyId: e.api_key_id, requestId: e.request_id,
  recordedAt: e.recorded_at.toISOString(), previousHash: e.previous_hash,
  ...(e.member_id ? { memberId: e.member_id } : {}),
});
