import { type Kysely, sql } from 'kysely';

/**
 * Money movements: settlements of obligations by payers, and how each settlement was distributed
 * through the capital stack. Immutable records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settlement')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('obligation_id', 'uuid', (c) => c.notNull().references('obligation.id'))
    .addColumn('payer_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('settled_on', 'date', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('recorded_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('api_key_id', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ledger_seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('ledger_seq')`))
    .execute();
  await db.schema.createIndex('settlement_by_obligation').on('settlement').column('obligation_id').execute();
  await db.schema.createIndex('settlement_by_contract').on('settlement').columns(['contract_id', 'settled_on']).execute();

  await db.schema
    .createTable('distribution')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('settlement_id', 'uuid', (c) => c.notNull().references('settlement.id'))
    .addColumn('recipient_party', 'text', (c) => c.notNull())
    .addColumn('recipient_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('investor', 'outcome_payer', 'operator')`))
    .addColumn('seniority', 'text')
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('distributed_on', 'date', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('capacity_before', 'numeric')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('distribution_by_contract').on('distribution').columns(['contract_id', 'recipient_party']).execute();
}
