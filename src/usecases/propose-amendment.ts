import { ApiError } from '../api/errors/api-error.ts';
import { invalidDefinition } from '../api/contracts/definition-hook.ts';
import { insertVersion, lockContract, setVersionStatus, versionsOf } from '../db/queries/contracts.ts';
import type { ContractVersion } from '../db/schema.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { amendmentProblems, approversOf, memberships, type PartyBindings } from '../domain/contract/lifecycle.ts';
import { checkedTerms, fieldProblems, recordVersion, termsHash } from './contract-records.ts';
import { organisationOf, type WriteContext } from './context.ts';

/**
 * A party proposes new terms (a variation). The proposal withdraws any other pending one and
 * waits for the approval of every approving party of both the new terms and the terms in force.
 */
export async function proposeAmendment(
  ctx: WriteContext,
  input: {
    contractId: string; definition: unknown; parties?: PartyBindings | undefined; description: string; reason: string;
    effectiveFrom?: string | undefined;
  },
): Promise<ContractVersion> {
  const organisationId = organisationOf(ctx.actor);
  const { contractId } = input;
  const locked = await lockContract(ctx.trx, contractId);
  if (!locked) throw new ApiError('not_found', 'No such contract.');
  if (locked.status === 'terminated') throw new ApiError('invalid_state', 'A terminated contract cannot be amended.');
  const versions = await versionsOf(ctx.trx, contractId);
  const inForce = versions.find((v) => v.status === 'in_force');
  const pending = versions.find((v) => v.status === 'proposed');
  const latest = pending ?? inForce!;
  const bindings = input.parties ?? latest.party_organisations;
  const definition = await checkedTerms(ctx, input.definition, bindings);
  const problems = fieldProblems(amendmentProblems((inForce ?? latest).definition as ContractDefinition, definition));
  if (problems.length > 0) throw invalidDefinition(problems);
  if (pending) {
    await setVersionStatus(ctx.trx, pending.id, 'withdrawn');
    await recordVersion(ctx, contractId, pending.id, 'contract.version_withdrawn');
  }
  const version = await insertVersion(ctx.trx, {
    contract_id: contractId, number: Math.max(...versions.map((v) => v.number)) + 1, kind: 'amendment', definition,
    party_organisations: bindings, content_hash: await termsHash(definition, bindings), status: 'proposed', description: input.description,
    reason: input.reason, effective_from: input.effectiveFrom ?? null, proposed_by_organisation_id: organisationId, proposed_at: ctx.now,
  }, memberships(definition, bindings));
  await recordVersion(ctx, contractId, version.id, 'contract.amendment_proposed');
  await ctx.emit({
    type: 'contract.version_proposed',
    data: {
      contractId, reference: locked.reference, versionId: version.id, versionNumber: version.number, kind: 'amendment', contentHash: version.content_hash,
      proposedBy: organisationId,
    },
    organisations: approversOf({ definition, bindings }, inForce ? { definition: inForce.definition as ContractDefinition, bindings: inForce.party_organisations } : undefined),
  });
  return version;
}
