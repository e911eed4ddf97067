import { type Kysely, sql } from 'kysely';

/** Tables whose rows are facts: once written, never updated or deleted — refused by the database itself. */
export const immutableTables = [
  'audit_entry', 'contract_approval', 'submission', 'participant_claim', 'aggregate_result', 'measurement_review',
  'evaluation', 'obligation', 'drawdown', 'settlement', 'distribution',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // The audit trail: one hash chain per contract (chain = the contract id) and one for the platform
  // (organisations and keys). Each entry's hash covers the previous entry's hash.
  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('state_digest', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid')
    .addColumn('api_key_id', 'uuid')
    .addColumn('request_id', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('previous_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_entry_chain_seq', ['chain', 'seq'])
    .execute();

  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'rows of % are immutable: % refused', tg_table_name, tg_op using errcode = '42501';
    end $$`.execute(db);
  for (const table of immutableTables) {
    await sql`create trigger ${sql.raw(`${table}_immutable`)} before update or delete on ${sql.table(table)}
              for each row execute function refuse_change()`.execute(db);
  }
}
