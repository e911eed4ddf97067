import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('platform', 'public_authority', 'investor', 'operator', 'evaluator', 'validator', 'intermediary')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // At most one platform organisation (it holds the administrator keys).
  await sql`create unique index organisation_single_platform on organisation (kind) where kind = 'platform'`.execute(db);

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by_key_id', 'uuid')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by_key_id', 'uuid')
    .execute();
  await db.schema.createIndex('api_key_by_organisation').on('api_key').column('organisation_id').execute();

  await db.schema
    .createTable('contract')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('policy_area', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'active', 'terminated')`))
    .addColumn('registered_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('activated_at', 'timestamptz')
    .addColumn('terminated_on', 'date')
    .addColumn('termination_reason', 'text')
    .addColumn('terminated_at', 'timestamptz')
    .addUniqueConstraint('contract_reference_per_registrar', ['registered_by_organisation_id', 'reference'])
    .execute();

  await db.schema
    .createTable('contract_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('original', 'amendment')`))
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('party_organisations', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'in_force', 'superseded', 'withdrawn')`))
    .addColumn('description', 'text')
    .addColumn('reason', 'text')
    .addColumn('effective_from', 'date')
    .addColumn('proposed_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('in_force_at', 'timestamptz')
    .addUniqueConstraint('contract_version_number', ['contract_id', 'number'])
    .execute();
  // At most one version in force and one awaiting approval per contract.
  await sql`create unique index contract_version_one_in_force on contract_version (contract_id) where status = 'in_force'`.execute(db);
  await sql`create unique index contract_version_one_proposed on contract_version (contract_id) where status = 'proposed'`.execute(db);

  await db.schema
    .createTable('contract_party')
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('contract_version.id'))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('party_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('contract_party_pk', ['version_id', 'party_key', 'role'])
    .execute();
  await db.schema.createIndex('contract_party_by_organisation').on('contract_party').columns(['organisation_id', 'contract_id']).execute();

  await db.schema
    .createTable('contract_approval')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('contract_version.id'))
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'uuid', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('contract_approval_once', ['version_id', 'organisation_id'])
    .execute();
}
