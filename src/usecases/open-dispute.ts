import { ApiError } from '../api/errors/api-error.ts';
import { lockContract, rolesByContract } from '../db/queries/contracts.ts';
import { disputableRecord, insertDispute, organisationsWithRoles } from '../db/queries/disputes.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { newId } from '../db/ids.ts';
import type { Dispute, SubmissionKind } from '../db/schema.ts';
import { mayOpen, type Refusal } from '../domain/disputes/disputes.ts';
import { organisationOf, type WriteContext } from './context.ts';

/** A refusal of the disputes domain as the API's problem (a validation problem names its body field). */
export function refusalError(refusal: Refusal): ApiError {
  if (refusal.code === 'validation_failed') {
    return new ApiError('validation_failed', `${refusal.message}.`, { errors: [{ location: 'body', path: refusal.field ?? '', message: refusal.message }] });
  }
  return new ApiError(refusal.code, refusal.message);
}

/**
 * The operator that submitted a rejected record disputes the rejection, with a reason and a
 * reference to its evidence (see domain/disputes). Shares the contract lock with uploads and
 * reviews; a second dispute of the same record is refused (by the rules, and by the database's
 * unique index if two race). One audit entry (the dispute's row) on the contract's chain, and
 * `dispute.opened` to the outcome payers and evaluators.
 */
export async function openDispute(
  ctx: WriteContext,
  input: { contractId: string; kind: SubmissionKind; recordId: string; reason: string; evidenceRef: string },
): Promise<Dispute> {
  const organisationId = organisationOf(ctx.actor);
  const { trx } = ctx;
  const { contractId, kind, recordId } = input;
  await lockContract(trx, contractId, 'share');
  const record = await disputableRecord(trx, contractId, kind, recordId);
  if (!record) {
    throw new ApiError('validation_failed', `No ${kind === 'participant_claims' ? 'claim' : 'result'} ${recordId} in this contract.`, {
      errors: [{ location: 'body', path: 'recordId', message: 'not a record of this contract' }],
    });
  }
  const roles = new Set((await rolesByContract(trx, organisationId, [contractId])).get(contractId) ?? []);
  const verdict = mayOpen(
    { decision: record.decision, superseded: record.superseded, submittedBy: record.submitted_by, dispute: record.dispute_state },
    { organisationId, roles },
    { reason: input.reason, evidenceRef: input.evidenceRef },
  );
  if (!verdict.ok) throw refusalError(verdict.refusal);
  let dispute: Dispute;
  try {
    dispute = await insertDispute(trx, {
      id: newId(), contractId, kind, recordId, reviewId: record.review_id!, reason: input.reason.trim(), evidenceRef: input.evidenceRef.trim(),
      organisationId, apiKeyId: ctx.actor.memberId ? null : ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, at: ctx.now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('invalid_state', 'This record already has a dispute.');
    throw error;
  }
  await ctx.record({ chain: contractId, action: 'dispute.opened', entityType: 'dispute', entityId: dispute.id, state: dispute });
  await ctx.emit({
    type: 'dispute.opened',
    data: { contractId, disputeId: dispute.id, kind, recordId, evidenceRef: dispute.evidence_ref },
    organisations: await organisationsWithRoles(trx, contractId, ['outcome_payer', 'evaluator', 'validator']),
  });
  return dispute;
}
