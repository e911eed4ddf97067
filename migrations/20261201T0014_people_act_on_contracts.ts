import { type Kysely, sql } from 'kysely';

/**
 * People act on contracts (issue 17): a person signed in approves, uploads, reviews, evaluates and
 * records money as their organisation, like its keys. Every table that records who did a contract
 * action gets `member_id` (the person, a member), and its `api_key_id` may be null:
 * - contract_approval, submission, measurement_review, drawdown, settlement: exactly one of
 *   `api_key_id` and `member_id` is set (a key or a person did it);
 * - evaluation: at most one (a scheduled run has neither).
 *
 * These tables are immutable (migrations 0007 and 0009): adding a nullable column and relaxing
 * NOT NULL rewrite no row and fire no row trigger. Their audited states (src/db/queries/entity-states.ts)
 * include `member_id` only when it is set, so the states and digests of rows written before stay
 * what their audit entries recorded.
 */
const actedOn = ['contract_approval', 'submission', 'measurement_review', 'drawdown', 'settlement'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of [...actedOn, 'evaluation'] as const) {
    await db.schema.alterTable(table).addColumn('member_id', 'uuid', (c) => c.references('member.id')).execute();
  }
  for (const table of actedOn) {
    await db.schema.alterTable(table).alterColumn('api_key_id', (c) => c.dropNotNull()).execute();
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_key_or_member`)}
              check ((api_key_id is null) <> (member_id is null))`.execute(db);
  }
  await sql`alter table evaluation add constraint evaluation_key_or_member check (api_key_id is null or member_id is null)`.execute(db);
}
