import type { Kysely } from 'kysely';
import { ApiError, type FieldProblem } from '../api/errors/api-error.ts';
import type { SourceRow, UploadSource } from '../api/measurements/upload-source.ts';
import type { Clock } from '../clock.ts';
import type { BulkRunner } from '../db/bulk.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { newId } from '../db/ids.ts';
import { appendAudit, type AuditReceipt, bulkExec } from '../db/queries/audit.ts';
import { tallyCorrections } from '../db/queries/claim-tallies.ts';
import { contractForUpload, insertSubmission, Staging, type StagedProblem } from '../db/queries/ingest.ts';
import { peopleByIds } from '../db/queries/actors.ts';
import { refreshStatistics } from '../db/queries/statistics.ts';
import type { Database } from '../db/schema.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { contentDigest } from '../domain/digest/sha256.ts';
import { organisationOf, type Actor } from './context.ts';
import type { MeasurementKind } from './measurement-kinds.ts';
import { formatReceipt, replayOf, type WriteOutcome } from './run-write.ts';
import { emitWebhookEvent } from './webhooks-events.ts';

/** Problems listed in a 422 answer; `totalErrors` gives the full count. */
export const MAX_LISTED_PROBLEMS = 100;

/** Rows in batches of up to `size`. */
async function* batched(rows: AsyncIterable<SourceRow>, size = 1024): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export interface Submission {
  contractId: string;
  kind: MeasurementKind;
  source: UploadSource;
  contentType: string;
  idempotency: { key: string; operation: string } | null;
}

type Response = { status: 201; body: Record<string, unknown> };

/** Reads the rest of a body only to hash it (a replay must prove it is the same request). */
async function digestOf(source: UploadSource): Promise<string> {
  for await (const _ of source.rows) { /* consume */ }
  return source.digest();
}

const requestDigest = (operation: string, bodyDigest: string) => contentDigest({ operation, bodyDigest });

function rowProblems(problems: StagedProblem[], total: number): ApiError {
  problems.sort((a, b) => a.row - b.row);
  const errors: FieldProblem[] = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
    location: 'csv', path: `rows[${p.row}].${p.column}`, row: p.row, column: p.column, message: p.message,
    ...(p.code ? { code: p.code } : {}), ...(p.params ? { params: p.params } : {}),
  }));
  return new ApiError('validation_failed', `${total} problem(s) in the upload; nothing was stored. The first ${errors.length} are listed.`, {
    errors,
    totalErrors: total,
  });
}

/** The stored answer to an earlier request with this organisation's key (see replayOf), reading the body only when there is one. */
async function replayed(db: Kysely<Database>, organisationId: string, submission: Submission, digest: () => Promise<string>): Promise<WriteOutcome<Response> | undefined> {
  const { key, operation } = submission.idempotency!;
  const stored = await db.selectFrom('idempotency_record').selectAll().where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirst();
  if (!stored) return undefined;
  return replayOf<Response>(stored, await requestDigest(operation, await digest()));
}

/**
 * Reads, checks and stages every row of the upload, a batch at a time (one COPY text and one await
 * per batch, not per row). Rows with problems are counted and the first ones kept for the answer;
 * the others go to `staging`. On any error the staging write is abandoned before it propagates.
 */
async function stageRows(
  staging: Staging<{ supersedes: string | null }>,
  source: UploadSource,
  check: ReturnType<MeasurementKind['checker']>,
): Promise<{ problems: StagedProblem[]; total: number }> {
  const problems: StagedProblem[] = [];
  let total = 0;
  try {
    for await (const batch of source.batches ?? batched(source.rows)) {
      const rowNumbers: number[] = [];
      const rows: { supersedes: string | null }[] = [];
      for (const { rowNumber, raw, unreadable } of batch) {
        if (unreadable) {
          total++;
          if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, column: 'row', message: unreadable });
          continue;
        }
        const checked = check(raw);
        if (checked.row) {
          rowNumbers.push(rowNumber);
          rows.push(checked.row as never);
        } else {
          total += checked.problems.length;
          for (const p of checked.problems) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, ...p });
        }
      }
      await staging.addBatch(rowNumbers, rows, total === 0);
    }
  } catch (error) {
    await staging.abort(error);
    throw error;
  }
  return { problems, total };
}

/**
 * The operator submits outcome data: every row is checked against the contract version in force
 * and against what is stored; one bad row and nothing is stored (422 listing the first problems);
 * the submission, its rows, its audit entry and its idempotency record commit together, in one
 * bulk transaction holding the contract lock in share mode (COPY on PostgreSQL).
 */
export async function submitMeasurements(
  deps: { db: Kysely<Database>; bulk: BulkRunner; clock: Clock },
  actor: Actor,
  submission: Submission,
): Promise<WriteOutcome<Response>> {
  const organisationId = organisationOf(actor);
  const { contractId, kind, source, contentType, idempotency } = submission;
  if (idempotency) {
    const replay = await replayed(deps.db, organisationId, submission, () => digestOf(source));
    if (replay) return replay;
  }
  const uploader = actor.memberId ? (await peopleByIds(deps.db, [actor.memberId])).get(actor.memberId) : undefined;
  try {
    const outcome = await deps.bulk(async (session) => {
      const contract = await contractForUpload(session, contractId);
      // Stamped after taking the contract lock: evaluations ("as known at") rely on it.
      const submittedAt = deps.clock();
      if (!contract) throw new ApiError('not_found', 'No such contract.');
      if (contract.status !== 'active' || !contract.version_id) {
        throw new ApiError('invalid_state', `Only an active contract accepts outcome data; this one is ${contract.status}.`);
      }
      const definition = contract.definition as ContractDefinition;
      const id = newId();
      const staging = new Staging(session, kind.ingest as never) as Staging<{ supersedes: string | null }>;
      // Claims go straight to their table while every row is a valid original (see ingest.ts)
      await staging.open({ contractId, submissionId: id });
      try {
        const { problems, total } = await stageRows(staging, source, kind.checker(definition));
        await staging.close();
        if (staging.count + total === 0) throw new ApiError('validation_failed', 'The upload has no rows; nothing was stored.');
        // Rows refused, or corrections: every staged check now (the full listing, or what the table's
        // indexes do not say). Originals only, all valid: the unique index checks them as they move.
        const checked = total > 0 || staging.corrections > 0;
        if (checked) {
          const staged = await staging.problems(contractId, MAX_LISTED_PROBLEMS);
          if (total + staged.total > 0) throw rowProblems([...problems, ...staged.problems], total + staged.total);
        }

        const body = {
          id, contractId, kind: kind.kind, contractVersion: Number(contract.number), rows: staging.count, corrections: staging.corrections,
          contentType, bodyDigest: source.digest(), idempotencyKey: idempotency?.key ?? null, submittedBy: organisationId,
          submittedAt: submittedAt.toISOString(),
          // The person who uploaded, when a person did (migration 0014); absent for keys, as before.
          ...(uploader ? { submittedByPerson: uploader } : {}),
        };
        await insertSubmission(session, {
          id, contractId, versionId: contract.version_id, kind: kind.kind, organisationId, apiKeyId: actor.apiKeyId, memberId: actor.memberId ?? null,
          contentType, rowCount: staging.count, correctionCount: staging.corrections, bodyDigest: body.bodyDigest,
          idempotencyKey: idempotency?.key ?? null, response: body, submittedAt,
        });
        const refused = await staging.commit(contractId, id, checked ? undefined : { limit: MAX_LISTED_PROBLEMS });
        if (refused) {
          // The same request, sent again with its key while this one ran, stored these rows first: answered as a replay (below).
          const sameKey = idempotency && (await session.query('select 1 from idempotency_record where organisation_id = $1 and key = $2', [organisationId, idempotency.key])).length > 0;
          if (sameKey) throw refused.violation;
          throw rowProblems(refused.problems, refused.total);
        }
        // Claims corrected stop counting in the contract's tallies, in this transaction (migration 0016).
        if (staging.corrections > 0 && kind.ingest.table === 'participant_claim') await tallyCorrections((text, params) => session.query(text, params), contractId, id);
        const receipt: AuditReceipt = await appendAudit(bulkExec(session), {
          chain: contractId, action: 'data.submitted', entityType: 'submission', entityId: id, state: body,
          organisationId, apiKeyId: actor.apiKeyId, memberId: actor.memberId ?? null, requestId: actor.requestId, recordedAt: submittedAt,
        });
        await emitWebhookEvent(bulkExec(session), submittedAt, {
          type: 'data.submitted',
          data: { contractId, submissionId: id, kind: kind.kind, rows: staging.count, corrections: staging.corrections, contractVersion: body.contractVersion },
        });
        if (idempotency) {
          await session.query(
            `insert into idempotency_record (organisation_id, key, request_digest, operation, status, response, receipt, created_at)
             values ($1, $2, $3, $4, 201, $5, $6, $7)`,
            [organisationId, idempotency.key, await requestDigest(idempotency.operation, body.bodyDigest), idempotency.operation,
              body, formatReceipt(receipt), submittedAt.toISOString()],
          );
        }
        return { response: { status: 201 as const, body }, receipt, replayed: false };
      } finally {
        await staging.release();
      }
    });
    await refreshStatistics(deps.db, kind.table, outcome.response.body.rows);
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (idempotency) {
        // A concurrent request with the same key committed first.
        const replay = await replayed(deps.db, organisationId, submission, async () => source.digest());
        if (replay) return replay;
      }
      throw new ApiError('conflict', 'A concurrent upload stored some of the same records first; nothing of this upload was stored. Retry it to see which rows are duplicates.');
    }
    throw error;
  }
}
