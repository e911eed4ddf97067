import { ApiError } from '../api/errors/api-error.ts';
import { kyselyRunner, tallyReviewBatch } from '../db/queries/claim-tallies.ts';
import { lockContract } from '../db/queries/contracts.ts';
import { reviewBatchState } from '../db/queries/entity-states.ts';
import { newId } from '../db/ids.ts';
import { awaitingReview, insertReviews, insertReviewsBySelection, type RecordFilter } from '../db/queries/measurements.ts';
import type { MeasurementKind } from './measurement-kinds.ts';
import { organisationOf, type WriteContext } from './context.ts';

/**
 * An evaluator validates or rejects outcome records, named one by one (each must be a record of
 * the contract, not yet reviewed, not superseded) or by a filter over the records awaiting review.
 * One batch, one audit entry (its state: the batch's records and decisions, digested in the
 * database). Shares the contract lock with uploads, and is stamped after taking it (evaluations
 * read "as known at" a ledger number).
 */
export async function reviewRecords(
  ctx: WriteContext,
  input: { kind: MeasurementKind; contractId: string; decision: 'validated' | 'rejected'; reason: string | null; filter: RecordFilter; byIds: boolean },
): Promise<{ reviewed: number; batchId: string }> {
  const organisationId = organisationOf(ctx.actor);
  const { trx } = ctx;
  const { contractId, kind } = input;
  if (input.decision === 'rejected' && !input.reason) {
    throw new ApiError('validation_failed', 'A rejection needs a reason.', { errors: [{ location: 'body', path: 'reason', message: 'required when rejecting' }] });
  }
  // By filter: only current records awaiting review are selected, whatever the filter says.
  const filter: RecordFilter = input.byIds ? input.filter : { ...input.filter, status: 'submitted', includeSuperseded: false };
  const batchId = newId();
  await lockContract(trx, contractId, 'share');
  const values = {
    column: kind.reviewColumn, contractId, decision: input.decision, reason: input.reason, organisationId, apiKeyId: ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, batchId, at: ctx.now,
  };
  let reviewed: number;
  if (!input.byIds) {
    reviewed = await insertReviewsBySelection(trx, values, awaitingReview(trx, kind.table, kind.reviewColumn, contractId, filter));
  } else {
    const rows = await kind.query(trx, contractId, filter).clearSelect().select(['c.id', 'r.id as review_id', 'n.id as superseded_by']).execute() as { id: string; review_id: string | null; superseded_by: string | null }[];
    const found = new Set(rows.map((r) => r.id));
    const missing = filter.ids!.filter((x) => !found.has(x));
    if (missing.length > 0) {
      throw new ApiError('validation_failed', `${missing.length} id(s) are not records of this contract.`, {
        errors: missing.slice(0, 100).map((m) => ({ location: 'body' as const, path: 'ids', message: `no record ${m}` })),
        totalErrors: missing.length,
      });
    }
    const blocked = rows.filter((r) => r.review_id || r.superseded_by);
    if (blocked.length > 0) {
      throw new ApiError('invalid_state', `${blocked.length} record(s) cannot be reviewed: ${blocked.slice(0, 20).map((r) => `${r.id} (${r.review_id ? 'already reviewed' : `superseded by ${r.superseded_by}`})`).join(', ')}.`);
    }
    reviewed = await insertReviews(trx, { ...values, recordIds: rows.map((r) => r.id) });
  }
  // Validated claims count in the contract's tallies from this transaction on (migration 0016).
  if (reviewed > 0 && kind.reviewColumn === 'claim_id' && input.decision === 'validated') await tallyReviewBatch(kyselyRunner(trx), contractId, batchId);
  if (reviewed > 0) {
    await ctx.record({ chain: contractId, action: 'data.reviewed', entityType: 'review_batch', entityId: batchId, state: await reviewBatchState(trx, batchId) });
    await ctx.emit({ type: 'data.reviewed', data: { contractId, batchId, kind: kind.kind, decision: input.decision, records: reviewed } });
  }
  return { reviewed, batchId };
}
