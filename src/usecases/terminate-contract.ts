import { ApiError } from '../api/errors/api-error.ts';
import { invalidDefinition } from '../api/contracts/definition-hook.ts';
import { lockContract, setVersionStatus, updateContract, versionWithStatus } from '../db/queries/contracts.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { recordContract, recordVersion } from './contract-records.ts';
import type { WriteContext } from './context.ts';

/** The payer ends the contract on a date within its term: a unilateral, recorded act. A pending variation is withdrawn. */
export async function terminateContract(ctx: WriteContext, input: { contractId: string; terminatedOn: string; reason: string }): Promise<void> {
  const { contractId } = input;
  const contract = await lockContract(ctx.trx, contractId);
  if (!contract) throw new ApiError('not_found', 'No such contract.');
  if (contract.status === 'terminated') throw new ApiError('invalid_state', `The contract was already terminated on ${contract.terminated_on}.`);
  const inForce = await versionWithStatus(ctx.trx, contractId, 'in_force');
  const pending = await versionWithStatus(ctx.trx, contractId, 'proposed');
  const term = ((inForce ?? pending)?.definition as ContractDefinition | undefined)?.term;
  if (term && (input.terminatedOn < term.start || input.terminatedOn > term.end)) {
    throw invalidDefinition([{ location: 'body', path: 'terminatedOn', message: `must be within the contract term ${term.start} to ${term.end}` }]);
  }
  if (pending && contract.status !== 'draft') {
    await setVersionStatus(ctx.trx, pending.id, 'withdrawn');
    await recordVersion(ctx, contractId, pending.id, 'contract.version_withdrawn');
  }
  await updateContract(ctx.trx, contractId, { status: 'terminated', terminated_on: input.terminatedOn, termination_reason: input.reason, terminated_at: ctx.now });
  await recordContract(ctx, contractId, 'contract.terminated');
}
