import { type Kysely, sql } from 'kysely';

/**
 * Evaluations and the payment obligations they create: immutable records. A scheduled evaluation
 * is unique per contract and scheduled time, which makes each one happen exactly once however
 * many schedulers run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The ledger sequence orders every fact of a contract that an evaluation reads. Uploads, reviews
  // and drawdowns take a number while holding the contract row lock in share mode; an evaluation
  // takes the row lock exclusively, then its number N: the data it reads is exactly the facts
  // numbered below N, so an evaluation can be reproduced, and its digest checked, at any later time.
  await sql`create sequence ledger_seq`.execute(db);
  for (const table of ['submission', 'measurement_review']) {
    await sql`alter table ${sql.table(table)} add column ledger_seq bigint not null default nextval('ledger_seq')`.execute(db);
  }

  await db.schema
    .createTable('evaluation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('contract_version.id'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('scheduled', 'manual')`))
    .addColumn('scheduled_for', 'timestamptz')
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('known_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ledger_seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('data_digest', 'text', (c) => c.notNull())
    .addColumn('prior_obligations_digest', 'text', (c) => c.notNull())
    .addColumn('data_counts', 'jsonb', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('requested_by_organisation_id', 'uuid', (c) => c.references('organisation.id'))
    .addColumn('api_key_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index evaluation_scheduled_once on evaluation (contract_id, scheduled_for) where scheduled_for is not null`.execute(db);
  await db.schema.createIndex('evaluation_by_contract').on('evaluation').columns(['contract_id', 'id']).execute();

  await db.schema
    .createTable('obligation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull().references('evaluation.id'))
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('payer_party', 'text', (c) => c.notNull())
    .addColumn('payer_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('recipient_party', 'text', (c) => c.notNull())
    .addColumn('recipient_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('amount', 'numeric', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('payment', 'adjustment')`))
    .addColumn('corrects', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('obligation_by_contract').on('obligation').columns(['contract_id', 'id']).execute();
  await db.schema.createIndex('obligation_by_payer').on('obligation').columns(['payer_organisation_id', 'due_on']).execute();

  // Investor capital paid in, per tranche: the cash flows out of investors (returns, return caps).
  await db.schema
    .createTable('drawdown')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('investor_party', 'text', (c) => c.notNull())
    .addColumn('investor_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('tranche', 'text')
    .addColumn('drawn_on', 'date', (c) => c.notNull())
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('recorded_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('api_key_id', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ledger_seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('ledger_seq')`))
    .execute();
  await db.schema.createIndex('drawdown_by_contract').on('drawdown').columns(['contract_id', 'drawn_on']).execute();
}
