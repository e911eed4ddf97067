import { type Kysely, sql } from 'kysely';

/**
 * A person leaves an organisation: its admins remove them (src/usecases/remove-member.ts).
 *
 * - member.removed_at, removed_by_member_id, removed_by_key_id: when, and by whom (a person or a
 *   key: at most one of the two; both null while the person is a member). The row stays: every
 *   act of the person keeps naming them (approvals, uploads, reviews, audit entries).
 * - The e-mail address is unique among the people who are members, not among those removed, so
 *   a person removed by mistake (or who comes back) can be invited again: a new account.
 *
 * The audited state of a person is their row without these three columns while they are null
 * (src/db/queries/entity-states.ts, `auditedState`), so the digests recorded before stay true.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('member')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by_member_id', 'uuid')
    .addColumn('removed_by_key_id', 'uuid')
    .execute();
  await sql`alter table member add constraint member_removed_by
            check ((removed_at is null and removed_by_member_id is null and removed_by_key_id is null)
                   or (removed_at is not null and (removed_by_member_id is null or removed_by_key_id is null)))`.execute(db);
  await sql`drop index member_email_unique`.execute(db);
  await sql`create unique index member_email_unique on member (lower(email)) where removed_at is null`.execute(db);
}
