import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** Serialises requests with one Idempotency-Key of one organisation until the transaction ends. */
export async function lockIdempotencyKey(trx: Transaction<Database>, organisationId: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('outcome-ledger:idempotency:' || ${organisationId} || ':' || ${key}))`.execute(trx);
}

export async function findIdempotencyRecord(trx: Transaction<Database>, organisationId: string, key: string) {
  return trx.selectFrom('idempotency_record').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
}

export async function insertIdempotencyRecord(
  trx: Transaction<Database>,
  r: { organisationId: string; key: string; operation: string; requestDigest: string; status: number; response: unknown; receipt: string | null; at: Date },
): Promise<void> {
  await trx.insertInto('idempotency_record').values({
    organisation_id: r.organisationId, key: r.key, operation: r.operation, request_digest: r.requestDigest, status: r.status,
    response: (r.response ?? null) as never, receipt: r.receipt, created_at: r.at,
  }).execute();
}
