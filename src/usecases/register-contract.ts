import { ApiError } from '../api/errors/api-error.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { insertContract, insertVersion } from '../db/queries/contracts.ts';
import type { Contract } from '../db/schema.ts';
import { approversOf, memberships, type PartyBindings } from '../domain/contract/lifecycle.ts';
import { checkedTerms, recordContract, recordVersion, termsHash } from './contract-records.ts';
import { organisationOf, type WriteContext } from './context.ts';

/**
 * An outcome payer registers a contract: version 1, proposed, awaiting the approval of every
 * payer, investor and operator bound in it.
 */
export async function registerContract(
  ctx: WriteContext,
  input: { definition: unknown; parties: PartyBindings },
): Promise<{ contract: Contract; roles: string[] }> {
  const organisationId = organisationOf(ctx.actor);
  const definition = await checkedTerms(ctx, input.definition, input.parties);
  const members = memberships(definition, input.parties);
  if (!members.some((m) => m.role === 'outcome_payer' && m.organisationId === organisationId)) {
    throw new ApiError('forbidden', 'Only an outcome payer of the contract registers it: bind your organisation to an outcome_payer party.');
  }
  const contentHash = await termsHash(definition, input.parties);
  let contract: Contract;
  try {
    contract = await insertContract(ctx.trx, {
      reference: definition.reference, title: definition.title, policyArea: definition.policyArea, currency: definition.currency,
      registeredBy: organisationId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError('conflict', `You have already registered a contract with the reference "${definition.reference}".`);
    }
    throw error;
  }
  const version = await insertVersion(ctx.trx, {
    contract_id: contract.id, number: 1, kind: 'original', definition, party_organisations: input.parties, content_hash: contentHash,
    status: 'proposed', description: null, reason: null, effective_from: definition.term.start, proposed_by_organisation_id: organisationId,
    proposed_at: ctx.now,
  }, members);
  await recordContract(ctx, contract.id, 'contract.registered');
  await recordVersion(ctx, contract.id, version.id, 'contract.version_proposed');
  await ctx.emit({
    type: 'contract.version_proposed',
    data: { contractId: contract.id, reference: contract.reference, versionId: version.id, versionNumber: version.number, kind: 'original', contentHash, proposedBy: organisationId },
    organisations: approversOf({ definition, bindings: input.parties }),
  });
  return { contract, roles: members.filter((m) => m.organisationId === organisationId).map((m) => m.role) };
}
