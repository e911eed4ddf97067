import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids.ts';
import type { Database, Organisation, OrganisationKind } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertOrganisation(db: Db, input: { name: string; kind: OrganisationKind }): Promise<Organisation> {
  return db.insertInto('organisation').values({ id: newId(), name: input.name, kind: input.kind }).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlatformOrganisation(db: Db): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').selectAll().where('kind', '=', 'platform').executeTakeFirst();
}

export async function listOrganisations(
  db: Db,
  options: { after?: string | undefined; limit: number; kind?: OrganisationKind | undefined },
): Promise<Organisation[]> {
  let query = db.selectFrom('organisation').selectAll().where('kind', '!=', 'platform');
  if (options.kind) query = query.where('kind', '=', options.kind);
  if (options.after) query = query.where('id', '>', options.after);
  return query.orderBy('id').limit(options.limit).execute();
}

export async function organisationsExist(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organisation').select('id').where('id', 'in', ids).where('kind', '!=', 'platform').execute();
  return new Set(rows.map((r) => r.id));
}
