import type { Kysely } from 'kysely';
import type { AuditEntry, Database } from '../../db/schema.ts';

/** Who wrote the entries of an audit page: the people (member_id, migration 0014) and organisations they name. */
export interface Who {
  people: Map<string, { name: string; email: string; organisationId: string }>;
  organisations: Map<string, string>;
}

export async function whoWrote(db: Kysely<Database>, entries: readonly AuditEntry[]): Promise<Who> {
  const memberIds = [...new Set(entries.map((e) => e.member_id).filter((x): x is string => x !== null))];
  const people = memberIds.length === 0 ? [] : await db.selectFrom('member').select(['id', 'name', 'email', 'organisation_id']).where('id', 'in', memberIds).execute();
  const orgIds = [...new Set([...entries.map((e) => e.organisation_id), ...people.map((p) => p.organisation_id)].filter((x): x is string => x !== null))];
  const orgs = orgIds.length === 0 ? [] : await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute();
  return {
    people: new Map(people.map((p) => [p.id, { name: p.name, email: p.email, organisationId: p.organisation_id }])),
    organisations: new Map(orgs.map((o) => [o.id, o.name])),
  };
}

