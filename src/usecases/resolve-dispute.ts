import { ApiError } from '../api/errors/api-error.ts';
import { kyselyRunner, tallyUpheldClaim } from '../db/queries/claim-tallies.ts';
import { lockContract, rolesByContract } from '../db/queries/contracts.ts';
import { findDispute, resolveDisputeRow } from '../db/queries/disputes.ts';
import type { Dispute } from '../db/schema.ts';
import { type DisputeDecision, mayResolve, resolvedState } from '../domain/disputes/disputes.ts';
import { organisationOf, type WriteContext } from './context.ts';
import { refusalError } from './open-dispute.ts';

/**
 * An evaluator (or validator) of the contract upholds or dismisses an open dispute, with a reason
 * (see domain/disputes). Upheld, the record counts as validated from the next evaluation on: the
 * resolution takes a ledger number while the contract is locked in share mode, as uploads and
 * reviews do, so an evaluation reads it or not as of its own number. The dispute row is locked:
 * two resolutions of one dispute run one after the other and the second is refused. One audit
 * entry (the dispute's row, resolved), and `dispute.resolved` to the operators, payers and evaluators.
 */
export async function resolveDispute(
  ctx: WriteContext,
  input: { contractId: string; disputeId: string; decision: DisputeDecision; reason: string },
): Promise<Dispute> {
  const organisationId = organisationOf(ctx.actor);
  const { trx } = ctx;
  const { contractId } = input;
  await lockContract(trx, contractId, 'share');
  const dispute = await findDispute(trx, contractId, input.disputeId, true);
  if (!dispute) throw new ApiError('not_found', 'No such dispute in this contract.');
  const roles = new Set((await rolesByContract(trx, organisationId, [contractId])).get(contractId) ?? []);
  const verdict = mayResolve(dispute.state, { roles }, { decision: input.decision, reason: input.reason });
  if (!verdict.ok) throw refusalError(verdict.refusal);
  const resolved = await resolveDisputeRow(trx, dispute.id, {
    state: resolvedState(input.decision) as DisputeDecision, reason: input.reason.trim(), organisationId,
    apiKeyId: ctx.actor.memberId ? null : ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, at: ctx.now,
  });
  // An upheld claim counts in the contract's tallies from this transaction on (migration 0016).
  if (resolved.claim_id && resolved.state === 'upheld') await tallyUpheldClaim(kyselyRunner(trx), contractId, resolved.claim_id);
  await ctx.record({ chain: contractId, action: 'dispute.resolved', entityType: 'dispute', entityId: resolved.id, state: resolved });
  await ctx.emit({
    type: 'dispute.resolved',
    data: { contractId, disputeId: resolved.id, kind: resolved.kind, recordId: (resolved.claim_id ?? resolved.result_id)!, decision: input.decision },
  });
  return resolved;
}
