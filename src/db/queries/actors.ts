import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A person who did something, as views show them (migration 0014): id and name. */
export interface PersonRef {
  id: string;
  name: string;
}

/** The names of the people (members) with these ids, in one query; nulls (keys, the scheduler) are skipped. */
export async function peopleByIds(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('member').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}

/** The person of `id` from `people` (see peopleByIds), or null when a key or nobody did it. */
export function personRef(people: ReadonlyMap<string, PersonRef>, id: string | null | undefined): PersonRef | null {
  return (id && people.get(id)) || null;
}
