import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids.ts';
import type { ApiKey, Database, OrganisationKind } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface KeyOwner {
  keyId: string;
  keyHash: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
}

export async function insertApiKey(
  db: Db,
  input: { organisationId: string; keyHash: string; keyPrefix: string; label: string | null; createdByKeyId: string | null },
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
      'organisation.id as organisationId',
      'organisation.kind as organisationKind',
      'organisation.name as organisationName',
    ])
    .where('api_key.key_hash', '=', keyHash)
    .where('api_key.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiKeys(db: Db, organisationId: string): Promise<ApiKey[]> {
  return db.selectFrom('api_key').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

export async function findApiKey(db: Db, organisationId: string, keyId: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_key').selectAll().where('organisation_id', '=', organisationId).where('id', '=', keyId).executeTakeFirst();
}

export async function revokeApiKey(db: Db, keyId: string, revokedByKeyId: string, at: Date): Promise<ApiKey> {
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
