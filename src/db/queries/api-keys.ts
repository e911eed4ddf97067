import { type Kysely, sql, type Transaction } from 'kysely';
import { newId } from '../ids.ts';
import type { ApiKey, Contract, Database, KeyScope, OrganisationKind } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface KeyOwner {
  keyId: string;
  keyHash: string;
  keyScope: KeyScope;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
}

export async function insertApiKey(
  db: Db,
  input: { organisationId: string; keyHash: string; keyPrefix: string; label: string | null; createdByKeyId: string | null; scope: KeyScope },
): Promise<ApiKey> {
  return db
    .insertInto('api_key')
    .values({
      id: newId(),
      organisation_id: input.organisationId,
      key_hash: input.keyHash,
      key_prefix: input.keyPrefix,
      label: input.label,
      created_by_key_id: input.createdByKeyId,
      scope: input.scope,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The live (not revoked) key with this hash and its organisation. */
export async function findLiveKeyByHash(db: Db, keyHash: string): Promise<KeyOwner | undefined> {
  return db
    .selectFrom('api_key')
    .innerJoin('organisation', 'organisation.id', 'api_key.organisation_id')
    .select([
      'api_key.id as keyId',
      'api_key.key_hash as keyHash',
      'api_key.scope as keyScope',
      'organisation.id as organisationId',
      'organisation.kind as organisationKind',
      'organisation.name as organisationName',
    ])
    .where('api_key.key_hash', '=', keyHash)
    .where('api_key.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** A key with when it was last used (null: never, or before migration 0024). */
export type ApiKeyWithUse = ApiKey & { last_used_at: Date | null };

export async function listApiKeys(db: Db, organisationId: string): Promise<ApiKeyWithUse[]> {
  return db.selectFrom('api_key').leftJoin('api_key_use', 'api_key_use.key_id', 'api_key.id')
    .selectAll('api_key').select('api_key_use.last_used_at')
    .where('api_key.organisation_id', '=', organisationId).orderBy('api_key.id').execute();
}

/** Records a use of the key at `at`, unless a later one is recorded already. */
export async function recordKeyUse(db: Db, keyId: string, at: Date): Promise<void> {
  await db.insertInto('api_key_use').values({ key_id: keyId, last_used_at: at })
    .onConflict((oc) => oc.column('key_id').doUpdateSet({ last_used_at: at }).where('api_key_use.last_used_at', '<', at))
    .execute();
}

export async function findApiKey(db: Db, organisationId: string, keyId: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_key').selectAll().where('organisation_id', '=', organisationId).where('id', '=', keyId).executeTakeFirst();
}

/** A key of the organisation with when it was last used. */
export async function findApiKeyWithUse(db: Db, organisationId: string, keyId: string): Promise<ApiKeyWithUse | undefined> {
  return db.selectFrom('api_key').leftJoin('api_key_use', 'api_key_use.key_id', 'api_key.id')
    .selectAll('api_key').select('api_key_use.last_used_at')
    .where('api_key.organisation_id', '=', organisationId).where('api_key.id', '=', keyId).executeTakeFirst();
}

export async function revokeApiKey(db: Db, keyId: string, revokedByKeyId: string | null, at: Date): Promise<ApiKey> {
  return db
    .updateTable('api_key')
    .set({ revoked_at: at, revoked_by_key_id: revokedByKeyId })
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function keyHashExists(db: Db, keyHash: string): Promise<boolean> {
  const row = await db.selectFrom('api_key').select('id').where('key_hash', '=', keyHash).executeTakeFirst();
  return row !== undefined;
}

/**
 * For a person signed in (their organisation known from the session): the
 * contract, the organisation's roles in it (versions in force or proposed) and the head of its audit chain.
 */
export async function findContractAccess(db: Db, organisationId: string, contractId: string) {
  const contract = await db.selectFrom('contract').selectAll().where('id', '=', contractId).executeTakeFirst();
  const { rows } = await sql<{ roles: string[] | null; audit_head: number | string | null }>`
    select
      (select array_agg(distinct p.role) from contract_party p join contract_version v on v.id = p.version_id
        where p.contract_id = ${contractId}::uuid and p.organisation_id = ${organisationId}::uuid and v.status in ('in_force', 'proposed')) as roles,
      (select max(a.seq) from audit_entry a where a.chain = ${contractId}) as audit_head`.execute(db);
  const row = rows[0]!;
  return { contract, roles: new Set(row.roles ?? []) as ReadonlySet<string>, auditHead: Number(row.audit_head ?? 0) };
}

/**
 * In one round trip: the live key with this hash and its organisation, the contract, the
 * organisation's roles in it (versions in force or proposed) and the head of its audit chain.
 * Contract routes call this on every request.
 */
export async function findKeyWithContract(db: Db, keyHash: string, contractId: string) {
  const { rows } = await sql<{
    key_id: string; key_hash: string; key_scope: KeyScope; organisation_id: string; organisation_kind: OrganisationKind; organisation_name: string;
    c_id: string | null; c_reference: string; c_title: string; c_policy_area: string; c_currency: string; c_status: Contract['status'];
    c_registered_by: string; c_created_at: Date; c_activated_at: Date | null; c_terminated_on: string | null;
    c_termination_reason: string | null; c_terminated_at: Date | null; roles: string[] | null; audit_head: number | string | null;
  }>`
    select k.id as key_id, k.key_hash, k.scope as key_scope, o.id as organisation_id, o.kind as organisation_kind, o.name as organisation_name,
      c.id as c_id, c.reference as c_reference, c.title as c_title, c.policy_area as c_policy_area, c.currency as c_currency,
      c.status as c_status, c.registered_by_organisation_id as c_registered_by, c.created_at as c_created_at,
      c.activated_at as c_activated_at, c.terminated_on as c_terminated_on, c.termination_reason as c_termination_reason,
      c.terminated_at as c_terminated_at,
      (select array_agg(distinct p.role) from contract_party p join contract_version v on v.id = p.version_id
        where p.contract_id = c.id and p.organisation_id = o.id and v.status in ('in_force', 'proposed')) as roles,
      (select max(a.seq) from audit_entry a where a.chain = ${contractId}) as audit_head
    from api_key k
    join organisation o on o.id = k.organisation_id
    left join contract c on c.id = ${contractId}::uuid
    where k.key_hash = ${keyHash} and k.revoked_at is null`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const owner: KeyOwner = {
    keyId: row.key_id, keyHash: row.key_hash, keyScope: row.key_scope, organisationId: row.organisation_id, organisationKind: row.organisation_kind, organisationName: row.organisation_name,
  };
  const contract: Contract | undefined = row.c_id
    ? {
      id: row.c_id, reference: row.c_reference, title: row.c_title, policy_area: row.c_policy_area, currency: row.c_currency, status: row.c_status,
      registered_by_organisation_id: row.c_registered_by, created_at: row.c_created_at, activated_at: row.c_activated_at,
      terminated_on: row.c_terminated_on, termination_reason: row.c_termination_reason, terminated_at: row.c_terminated_at,
    }
    : undefined;
  return { owner, contract, roles: new Set(row.roles ?? []), auditHead: Number(row.audit_head ?? 0) };
}
