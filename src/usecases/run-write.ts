import type { Kysely, Selectable } from 'kysely';
import { formatReceipt, parseReceipt } from '../domain/audit/receipt.ts';
import type { Clock } from '../clock.ts';
import { appendAudit, type AuditReceipt, kyselyExec } from '../db/queries/audit.ts';
import { findIdempotencyRecord, insertIdempotencyRecord, lockIdempotencyKey } from '../db/queries/idempotency.ts';
import { isSerializationFailure } from '../db/errors.ts';
import type { Database, IdempotencyRecordTable } from '../db/schema.ts';
import { ApiError } from '../api/errors/api-error.ts';
import type { Actor, WriteContext } from './context.ts';
import { emitWebhookEvent } from './webhooks-events.ts';

/** A retried request: the organisation's key, what the request was, and its digest (method, path, body). */
export interface Idempotency {
  key: string;
  operation: string;
  requestDigest: string;
}

/** What a write answers; kept whole under an Idempotency-Key and given again to a retry. */
export interface WriteResponse {
  status: number;
  body: unknown;
}

export interface WriteOutcome<R extends WriteResponse> {
  response: R;
  /** The last audit entry the write appended (null when it changed nothing). */
  receipt: AuditReceipt | null;
  replayed: boolean;
}

export { formatReceipt };

/** The receipt kept with a stored answer (written by formatReceipt, so always with its chain). */
function storedReceipt(text: string | null): AuditReceipt | null {
  const receipt = text ? parseReceipt(text) : null;
  return receipt ? { chain: receipt.chain!, seq: receipt.seq, entryHash: receipt.entryHash } : null;
}

/**
 * The stored answer to an earlier request made with the same key, given again; for a request with
 * another digest (another operation or body), `idempotency_key_reused` and nothing written.
 */
export function replayOf<R extends WriteResponse>(stored: Selectable<IdempotencyRecordTable>, requestDigest: string): WriteOutcome<R> {
  if (stored.request_digest !== requestDigest) {
    throw new ApiError('idempotency_key_reused',
      `This Idempotency-Key was used on ${stored.created_at.toISOString()} for ${stored.operation} with a different request; ` +
      'nothing was written. Use a new key for a new request.',
      { errors: [{ location: 'header', path: 'Idempotency-Key', message: 'already used with a different request' }] });
  }
  return { response: { status: stored.status, body: stored.response } as R, receipt: storedReceipt(stored.receipt), replayed: true };
}

const MAX_ATTEMPTS = 3;

export interface WriteOptions {
  actor: Actor;
  clock: Clock;
  idempotency?: Idempotency | undefined;
  /** What of the answer is kept for a retry (default: all of it); a secret shown once is not kept. */
  keep?: ((body: unknown) => unknown) | undefined;
}

/**
 * Runs one business action as one write: in a transaction, with its audit entries, and under an
 * Idempotency-Key when one is given — the way a ledger's controller wraps every write:
 *
 * 1. with a key, the key is locked for the transaction (two concurrent requests with one key run
 *    one after the other) and looked up: a stored response for the same request digest is
 *    returned as it was, with no second write; for another digest, `idempotency_key_reused`;
 * 2. the action runs and renders its response inside the transaction;
 * 3. with a key, the response is stored under it before commit, so it exists exactly when the
 *    write does.
 * A transaction that loses a serialization race or deadlock is retried.
 */
export async function runWrite<R extends WriteResponse>(
  db: Kysely<Database>,
  options: WriteOptions,
  action: (ctx: WriteContext) => Promise<R>,
): Promise<WriteOutcome<R>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptWrite(db, options, action);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isSerializationFailure(error)) continue;
      throw error;
    }
  }
}

async function attemptWrite<R extends WriteResponse>(
  db: Kysely<Database>,
  { actor, clock, idempotency, keep }: WriteOptions,
  action: (ctx: WriteContext) => Promise<R>,
): Promise<WriteOutcome<R>> {
  return db.transaction().execute(async (trx) => {
    const scope = actor.organisationId;
    if (idempotency && scope) {
      await lockIdempotencyKey(trx, scope, idempotency.key);
      const stored = await findIdempotencyRecord(trx, scope, idempotency.key);
      if (stored) return replayOf<R>(stored, idempotency.requestDigest);
    }
    const now = clock();
    let receipt: AuditReceipt | null = null;
    const exec = kyselyExec(trx);
    const ctx: WriteContext = {
      trx, actor, now,
      record: async (fact) => {
        receipt = await appendAudit(exec, {
          ...fact, organisationId: actor.organisationId, apiKeyId: actor.apiKeyId, memberId: actor.memberId ?? null, requestId: actor.requestId, recordedAt: now,
        });
        return receipt;
      },
      emit: async (event) => {
        await emitWebhookEvent(exec, now, event);
      },
    };
    const response = await action(ctx);
    if (idempotency && scope) {
      await insertIdempotencyRecord(trx, {
        organisationId: scope, key: idempotency.key, operation: idempotency.operation, requestDigest: idempotency.requestDigest,
        status: response.status, response: keep ? keep(response.body) : response.body, receipt: receipt ? formatReceipt(receipt) : null, at: now,
      });
    }
    return { response, receipt, replayed: false };
  });
}
