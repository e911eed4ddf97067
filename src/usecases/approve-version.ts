import { ApiError } from '../api/errors/api-error.ts';
import {
  approvalsOf, insertApproval, lockContract, setVersionStatus, updateContract, versionWithStatus,
} from '../db/queries/contracts.ts';
import type { ContractVersion } from '../db/schema.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { approversOf, missingApprovals } from '../domain/contract/lifecycle.ts';
import { auditedRow } from '../db/queries/entity-states.ts';
import { recordContract, recordVersion } from './contract-records.ts';
import { organisationOf, type WriteContext } from './context.ts';

const termsOf = (v: ContractVersion) => ({ definition: v.definition as ContractDefinition, bindings: v.party_organisations });

/**
 * A party approves the version awaiting approval, by the content hash it read. The version comes
 * into force when every organisation bound with an approving role in it *and* in the version in
 * force has approved that exact hash (see approversOf).
 */
export async function approveVersion(ctx: WriteContext, input: { contractId: string; contentHash: string }): Promise<void> {
  const organisationId = organisationOf(ctx.actor);
  const { contractId, contentHash } = input;
  const contract = await lockContract(ctx.trx, contractId);
  if (!contract) throw new ApiError('not_found', 'No such contract.');
  if (contract.status === 'terminated') throw new ApiError('invalid_state', 'The contract is terminated.');
  const pending = await versionWithStatus(ctx.trx, contractId, 'proposed');
  if (!pending) throw new ApiError('invalid_state', 'No version of this contract is awaiting approval.');
  if (pending.content_hash !== contentHash) {
    throw new ApiError('stale_version',
      `You approved ${contentHash}, but the version awaiting approval is version ${pending.number} with contentHash ` +
      `${pending.content_hash}. Read it and approve that hash.`);
  }
  const inForce = await versionWithStatus(ctx.trx, contractId, 'in_force');
  const required = approversOf(termsOf(pending), inForce ? termsOf(inForce) : undefined);
  if (!required.includes(organisationId)) {
    throw new ApiError('forbidden', 'Your organisation holds no approving role (payer, investor, operator) in this version or the one in force.');
  }
  const approvals = await approvalsOf(ctx.trx, [pending.id]);
  if (approvals.some((a) => a.organisation_id === organisationId)) return;
  const approval = await insertApproval(ctx.trx, {
    versionId: pending.id, contractId, organisationId, contentHash, apiKeyId: ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, at: ctx.now,
  });
  approvals.push(approval);
  await ctx.record({ chain: contractId, action: 'contract.approved', entityType: 'contract_approval', entityId: approval.id, state: auditedRow(approval) });
  if (missingApprovals(required, approvals.map((a) => a.organisation_id)).length > 0) return;

  if (inForce) {
    await setVersionStatus(ctx.trx, inForce.id, 'superseded');
    await recordVersion(ctx, contractId, inForce.id, 'contract.version_superseded');
  }
  await setVersionStatus(ctx.trx, pending.id, 'in_force', ctx.now);
  const definition = pending.definition as ContractDefinition;
  await updateContract(ctx.trx, contractId, {
    title: definition.title,
    policy_area: definition.policyArea,
    ...(contract.status === 'draft' ? { status: 'active' as const, activated_at: ctx.now } : {}),
  });
  await recordContract(ctx, contractId, 'contract.updated');
  await recordVersion(ctx, contractId, pending.id, 'contract.version_in_force');
  await ctx.emit({
    type: 'contract.version_in_force',
    data: { contractId, reference: contract.reference, versionId: pending.id, versionNumber: pending.number, contentHash: pending.content_hash },
  });
}
