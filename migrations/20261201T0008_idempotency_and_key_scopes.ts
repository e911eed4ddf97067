import { type Kysely, sql } from 'kysely';

/**
 * Every write is safe to retry: the response of a write made with an Idempotency-Key is kept per
 * organisation and key, with a digest of the request, so a retry gets the same answer and no
 * second write. Keys carry a scope: only `admin` keys (and the platform administrator) issue and
 * revoke keys. Keys issued before scopes existed become `member` keys: the administrator issues an
 * organisation its admin key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_record')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('receipt', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_record_pk', ['organisation_id', 'key'])
    .execute();
  await sql`create trigger idempotency_record_immutable before update or delete on idempotency_record
            for each row execute function refuse_change()`.execute(db);

  await db.schema
    .alterTable('api_key')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('member').check(sql`scope in ('admin', 'member')`))
    .execute();
}
