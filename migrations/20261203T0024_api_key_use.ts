import type { Kysely } from 'kysely';

/**
 * When each API key was last used, so an organisation's admins can tell a key still in service from
 * one forgotten before they revoke it. A table of its own: api_key rows are immutable but for their
 * revocation (migration 0009) and audited; a key's use is neither a change of the key nor an act to
 * audit. Written at most once a minute per key and instance (src/api/auth/key-use.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_key_use')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('api_key.id'))
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
