import { ApiError, type FieldProblem } from '../api/errors/api-error.ts';
import { invalidDefinition } from '../api/contracts/definition-hook.ts';
import { formatPath } from '../api/errors/zod-problems.ts';
import { findContract } from '../db/queries/contracts.ts';
import { versionState } from '../db/queries/entity-states.ts';
import { organisationsExist } from '../db/queries/organisations.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { bindingProblems, type PartyBindings } from '../domain/contract/lifecycle.ts';
import type { DefinitionProblem } from '../domain/contract/semantics.ts';
import { validateDefinition } from '../domain/contract/validate.ts';
import { contentDigest } from '../domain/digest/sha256.ts';
import type { WriteContext } from './context.ts';

/** Shared by the contract actions: checking terms, hashing them, and recording versions and contracts in the audit trail. */

const toField = (p: DefinitionProblem | { path: (string | number)[]; message: string }, prefix: string[]): FieldProblem => ({
  location: 'body',
  path: formatPath([...prefix, ...p.path]),
  message: p.message,
});

export const fieldProblems = (problems: { path: (string | number)[]; message: string }[]) => problems.map((p) => toField(p, []));

/** The definition validated completely (structure, semantics) and the bindings checked against existing organisations. */
export async function checkedTerms(ctx: WriteContext, input: unknown, bindings: PartyBindings): Promise<ContractDefinition> {
  const validation = validateDefinition(input);
  if (!validation.ok) throw invalidDefinition(validation.problems.map((p) => toField(p, ['definition'])));
  const definition = validation.definition;
  const problems = bindingProblems(definition, bindings).map((p) => toField(p, []));
  const existing = await organisationsExist(ctx.trx, [...new Set(Object.values(bindings))]);
  for (const [key, id] of Object.entries(bindings)) {
    if (!existing.has(id)) problems.push({ location: 'body', path: `parties.${key}`, message: `no organisation ${id}` });
  }
  if (problems.length > 0) throw invalidDefinition(problems);
  return definition;
}

/** The content hash parties approve: the definition and the party bindings together. */
export const termsHash = (definition: ContractDefinition, parties: PartyBindings) => contentDigest({ definition, parties });

/** Appends an audit entry about a version, with its row and bindings as they are now. */
export async function recordVersion(ctx: WriteContext, contractId: string, versionId: string, action: string) {
  const version = await ctx.trx.selectFrom('contract_version').selectAll().where('id', '=', versionId).executeTakeFirstOrThrow();
  const parties = await ctx.trx.selectFrom('contract_party').selectAll().where('version_id', '=', versionId).execute();
  return ctx.record({ chain: contractId, action, entityType: 'contract_version', entityId: versionId, state: versionState(version, parties) });
}

/** Appends an audit entry about the contract, with its row as it is now. */
export async function recordContract(ctx: WriteContext, contractId: string, action: string) {
  const contract = await findContract(ctx.trx, contractId);
  if (!contract) throw new ApiError('not_found', 'No such contract.');
  await ctx.record({ chain: contractId, action, entityType: 'contract', entityId: contractId, state: contract });
  return contract;
}
