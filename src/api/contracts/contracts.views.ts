import type { Kysely, Transaction } from 'kysely';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import { approversOf, missingApprovals } from '../../domain/contract/lifecycle.ts';
import { type ApprovalWithPerson, approvalsOf, versionsOf, versionsOfContracts } from '../../db/queries/contracts.ts';
import type { Contract, ContractVersion, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How versions and contracts are shown in API responses (JSON shapes of contracts.schemas.ts). */

const termsOf = (v: ContractVersion) => ({ definition: v.definition as ContractDefinition, bindings: v.party_organisations });

/** The version that was in force when `version` was proposed: the latest earlier one that came into force. */
export function predecessorOf(version: ContractVersion, versions: readonly ContractVersion[]): ContractVersion | undefined {
  let found: ContractVersion | undefined;
  for (const v of versions) {
    if (v.number < version.number && (v.status === 'in_force' || v.status === 'superseded') && (!found || v.number > found.number)) found = v;
  }
  return found;
}

/** A version with the approvals it needs (its own approving parties and those of its predecessor), given and missing. */
export function versionSummary(version: ContractVersion, approvals: ApprovalWithPerson[], predecessor?: ContractVersion) {
  const required = approversOf(termsOf(version), predecessor && termsOf(predecessor));
  const given = approvals.filter((a) => a.version_id === version.id);
  return {
    number: version.number,
    kind: version.kind,
    status: version.status,
    contentHash: version.content_hash,
    description: version.description,
    reason: version.reason,
    effectiveFrom: version.effective_from,
    proposedBy: version.proposed_by_organisation_id,
    proposedAt: version.proposed_at.toISOString(),
    inForceAt: version.in_force_at?.toISOString() ?? null,
    approvals: {
      required,
      given: given.map((a) => ({
        organisationId: a.organisation_id, contentHash: a.content_hash, approvedAt: a.approved_at.toISOString(),
        approvedByPerson: a.member_id ? { id: a.member_id, name: a.member_name ?? '' } : null,
      })),
      missing: missingApprovals(required, given.map((a) => a.organisation_id)),
    },
  };
}

export function versionDetail(version: ContractVersion, approvals: ApprovalWithPerson[], predecessor?: ContractVersion) {
  return {
    ...versionSummary(version, approvals, predecessor),
    definition: version.definition as ContractDefinition,
    parties: version.party_organisations,
  };
}

export async function contractSummary(db: Db, contract: Contract, roles: Iterable<string>) {
  return (await contractSummaries(db, [contract], () => roles))[0]!;
}

/** Summaries of several contracts (a page of a list) in two queries: their versions, then the approvals of those. */
export async function contractSummaries(db: Db, contracts: readonly Contract[], rolesOf: (contractId: string) => Iterable<string>) {
  const versions = await versionsOfContracts(db, contracts.map((c) => c.id));
  const approvals = await approvalsOf(db, versions.map((v) => v.id));
  const versionsByContract = new Map<string, ContractVersion[]>();
  for (const v of versions) {
    const list = versionsByContract.get(v.contract_id);
    if (list) list.push(v);
    else versionsByContract.set(v.contract_id, [v]);
  }
  return contracts.map((c) => summarise(c, rolesOf(c.id), versionsByContract.get(c.id) ?? [], approvals));
}

function summarise(contract: Contract, roles: Iterable<string>, versions: ContractVersion[], approvals: ApprovalWithPerson[]) {
  const current = versions.find((v) => v.status === 'in_force');
  const pending = versions.find((v) => v.status === 'proposed');
  return {
    id: contract.id,
    reference: contract.reference,
    title: contract.title,
    policyArea: contract.policy_area,
    currency: contract.currency,
    status: contract.status,
    yourRoles: [...roles].sort(),
    registeredBy: contract.registered_by_organisation_id,
    createdAt: contract.created_at.toISOString(),
    activatedAt: contract.activated_at?.toISOString() ?? null,
    termination: contract.terminated_on && contract.terminated_at
      ? { terminatedOn: contract.terminated_on, reason: contract.termination_reason ?? '', recordedAt: contract.terminated_at.toISOString() }
      : null,
    currentVersion: current ? versionSummary(current, approvals, predecessorOf(current, versions)) : null,
    pendingVersion: pending ? versionSummary(pending, approvals, predecessorOf(pending, versions)) : null,
  };
}

/** The contract with the terms in force (a draft: the proposed terms; terminated: the last in force). */
export async function contractDetail(db: Db, contract: Contract, roles: Iterable<string>) {
  const versions = await versionsOf(db, contract.id);
  const approvals = await approvalsOf(db, versions.map((v) => v.id));
  const summary = summarise(contract, roles, versions, approvals);
  const terms = versions.find((v) => v.status === 'in_force') ?? versions.find((v) => v.status === 'proposed') ?? versions[versions.length - 1]!;
  return { ...summary, definition: terms.definition as ContractDefinition, parties: terms.party_organisations };
}
