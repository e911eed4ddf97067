import { type Kysely, sql, type Transaction } from 'kysely';
import type { PartyMembership } from '../../domain/contract/lifecycle.ts';
import { newId } from '../ids.ts';
import type {
  Contract, ContractApproval, ContractStatus, ContractVersion, Database, NewContractVersion, VersionStatus,
} from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertContract(
  db: Db,
  input: { reference: string; title: string; policyArea: string; currency: string; registeredBy: string },
): Promise<Contract> {
  return db
    .insertInto('contract')
    .values({
      id: newId(),
      reference: input.reference,
      title: input.title,
      policy_area: input.policyArea,
      currency: input.currency,
      status: 'draft',
      registered_by_organisation_id: input.registeredBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Db,
  version: Omit<NewContractVersion, 'id'>,
  parties: PartyMembership[],
): Promise<ContractVersion> {
  const row = await db.insertInto('contract_version').values({ id: newId(), ...version }).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('contract_party')
    .values(parties.map((p) => ({
      version_id: row.id, contract_id: row.contract_id, party_key: p.partyKey, role: p.role, organisation_id: p.organisationId,
    })))
    .execute();
  return row;
}

export async function findContract(db: Db, id: string): Promise<Contract | undefined> {
  return db.selectFrom('contract').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the contract row for the rest of the transaction: 'update' serialises lifecycle changes,
 * settlements and evaluations; 'share' lets uploads, reviews and drawdowns run together but not
 * beside those.
 */
export async function lockContract(db: Transaction<Database>, id: string, mode: 'update' | 'share' = 'update'): Promise<Contract | undefined> {
  const query = db.selectFrom('contract').selectAll().where('id', '=', id);
  return (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
}

export async function versionsOf(db: Db, contractId: string): Promise<ContractVersion[]> {
  return db.selectFrom('contract_version').selectAll().where('contract_id', '=', contractId).orderBy('number').execute();
}

/** The versions of several contracts, each contract's in number order. */
export async function versionsOfContracts(db: Db, contractIds: string[]): Promise<ContractVersion[]> {
  if (contractIds.length === 0) return [];
  return db.selectFrom('contract_version').selectAll().where('contract_id', 'in', contractIds).orderBy('contract_id').orderBy('number').execute();
}

export async function findVersion(db: Db, contractId: string, number: number): Promise<ContractVersion | undefined> {
  return db.selectFrom('contract_version').selectAll().where('contract_id', '=', contractId).where('number', '=', number).executeTakeFirst();
}

export async function versionWithStatus(db: Db, contractId: string, status: VersionStatus): Promise<ContractVersion | undefined> {
  return db.selectFrom('contract_version').selectAll().where('contract_id', '=', contractId).where('status', '=', status).executeTakeFirst();
}

export async function setVersionStatus(db: Db, versionId: string, status: VersionStatus, inForceAt?: Date): Promise<void> {
  await db
    .updateTable('contract_version')
    .set({ status, ...(inForceAt ? { in_force_at: inForceAt } : {}) })
    .where('id', '=', versionId)
    .execute();
}

/** An approval, with the name of the person who gave it when a person did (migration 0014). */
export type ApprovalWithPerson = ContractApproval & { member_name?: string | null };

export async function approvalsOf(db: Db, versionIds: string[]): Promise<ApprovalWithPerson[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('contract_approval').leftJoin('member', 'member.id', 'contract_approval.member_id')
    .selectAll('contract_approval').select('member.name as member_name')
    .where('contract_approval.version_id', 'in', versionIds).orderBy('contract_approval.approved_at').execute();
}

export async function insertApproval(
  db: Db,
  input: { versionId: string; contractId: string; organisationId: string; contentHash: string; apiKeyId: string | null; memberId: string | null; at: Date },
): Promise<ContractApproval> {
  return db
    .insertInto('contract_approval')
    .values({
      id: newId(),
      version_id: input.versionId,
      contract_id: input.contractId,
      organisation_id: input.organisationId,
      content_hash: input.contentHash,
      api_key_id: input.apiKeyId,
      member_id: input.memberId,
      approved_at: input.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateContract(
  db: Db,
  id: string,
  changes: Partial<{
    status: ContractStatus; title: string; policy_area: string; activated_at: Date;
    terminated_on: string; termination_reason: string; terminated_at: Date;
  }>,
): Promise<void> {
  await db.updateTable('contract').set(changes).where('id', '=', id).execute();
}

export interface ContractListFilter {
  organisationId: string;
  status?: ContractStatus | undefined;
  role?: string | undefined;
  policyArea?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/** Contracts the organisation is party to (in-force or proposed versions), newest first. */
export async function listContractsForOrganisation(db: Db, filter: ContractListFilter): Promise<Contract[]> {
  let query = db
    .selectFrom('contract')
    .selectAll()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('contract_party')
          .innerJoin('contract_version', 'contract_version.id', 'contract_party.version_id')
          .select(sql`1`.as('one'))
          .whereRef('contract_party.contract_id', '=', 'contract.id')
          .where('contract_party.organisation_id', '=', filter.organisationId)
          .where('contract_version.status', 'in', ['in_force', 'proposed'])
          .$if(filter.role !== undefined, (q) => q.where('contract_party.role', '=', filter.role!)),
      ),
    );
  if (filter.status) query = query.where('contract.status', '=', filter.status);
  if (filter.policyArea) query = query.where('contract.policy_area', '=', filter.policyArea);
  if (filter.after) query = query.where('contract.id', '<', filter.after);
  return query.orderBy('contract.id', 'desc').limit(filter.limit).execute();
}

/** Roles per contract for one organisation, for a page of contracts. */
export async function rolesByContract(db: Db, organisationId: string, contractIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contractIds.length === 0) return out;
  const rows = await db
    .selectFrom('contract_party')
    .innerJoin('contract_version', 'contract_version.id', 'contract_party.version_id')
    .select(['contract_party.contract_id', 'contract_party.role'])
    .where('contract_party.organisation_id', '=', organisationId)
    .where('contract_party.contract_id', 'in', contractIds)
    .where('contract_version.status', 'in', ['in_force', 'proposed'])
    .execute();
  for (const row of rows) {
    const roles = out.get(row.contract_id) ?? [];
    if (!roles.includes(row.role)) roles.push(row.role);
    out.set(row.contract_id, roles);
  }
  for (const roles of out.values()) roles.sort();
  return out;
}

/** The terms in force: the definition and party bindings of the version in force (undefined for a draft). */
export async function termsInForce(db: Db, contractId: string) {
  const version = await versionWithStatus(db, contractId, 'in_force');
  if (!version) return undefined;
  return {
    versionId: version.id,
    number: version.number,
    contentHash: version.content_hash,
    definition: version.definition as import('../../domain/contract/definition.ts').ContractDefinition,
    bindings: version.party_organisations,
  };
}

