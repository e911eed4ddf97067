import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Declared organisation identifiers (org-id.guide form, e.g. `GB-COH-09506232`), migration 0011:
 * insert-only, one per organisation, set when the organisation is registered.
 */
export async function insertOrganisationIdentifier(db: Db, organisationId: string, identifier: string): Promise<void> {
  await sql`insert into organisation_identifier (organisation_id, identifier) values (${organisationId}, ${identifier})`.execute(db);
}

export async function organisationIdentifiers(db: Db, organisationIds: string[]): Promise<Map<string, string>> {
  if (organisationIds.length === 0) return new Map();
  const { rows } = await sql<{ organisation_id: string; identifier: string }>`
    select organisation_id, identifier from organisation_identifier where organisation_id in (${sql.join(organisationIds)})`.execute(db);
  return new Map(rows.map((r) => [r.organisation_id, r.identifier]));
}

export async function identifierTaken(db: Db, identifier: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select 1 as n from organisation_identifier where identifier = ${identifier}`.execute(db);
  return rows.length > 0;
}
