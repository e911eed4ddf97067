import type { Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any>, never the app's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .execute();
}
