import { type Kysely, sql } from 'kysely';

/**
 * Outcome data. Records are facts: never updated, never deleted. A record's status comes from its
 * review (at most one, also immutable), and a correction is a new record naming the one it
 * supersedes (at most one correction per record).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submission')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('contract_version.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('participant_claims', 'aggregate_results')`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('api_key_id', 'uuid', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('correction_count', 'integer', (c) => c.notNull())
    .addColumn('body_digest', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index submission_idempotency on submission (contract_id, organisation_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await db.schema.createIndex('submission_by_contract').on('submission').columns(['contract_id', 'id']).execute();

  await db.schema
    .createTable('participant_claim')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submission.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('participant_ref', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text', (c) => c.notNull())
    .addColumn('achieved_on', 'date', (c) => c.notNull())
    .addColumn('held_from', 'date')
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('supersedes_id', 'uuid', (c) => c.unique().references('participant_claim.id'))
    .execute();
  // An original claim is stated once; restating it is a correction (which names what it supersedes).
  await sql`create unique index participant_claim_original on participant_claim (contract_id, participant_ref, metric, achieved_on) where supersedes_id is null`.execute(db);
  await db.schema.createIndex('participant_claim_by_contract').on('participant_claim').columns(['contract_id', 'id']).execute();
  await db.schema.createIndex('participant_claim_by_submission').on('participant_claim').columns(['submission_id', 'row_number']).execute();

  await db.schema
    .createTable('aggregate_result')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submission.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text')
    .addColumn('period', 'text')
    .addColumn('measured_on', 'date', (c) => c.notNull())
    .addColumn('treatment_value', 'numeric', (c) => c.notNull())
    .addColumn('comparison_value', 'numeric')
    .addColumn('treatment_sample_size', 'integer')
    .addColumn('comparison_sample_size', 'integer')
    .addColumn('methodology', 'text', (c) => c.notNull())
    .addColumn('methodology_version', 'text', (c) => c.notNull())
    .addColumn('measured_by', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'uuid', (c) => c.unique().references('aggregate_result.id'))
    .addCheckConstraint('aggregate_result_one_scope', sql`(cohort is null) <> (period is null)`)
    .execute();
  await sql`create unique index aggregate_result_original on aggregate_result (contract_id, metric, coalesce(cohort, ''), coalesce(period, ''), measured_on) where supersedes_id is null`.execute(db);
  await db.schema.createIndex('aggregate_result_by_contract').on('aggregate_result').columns(['contract_id', 'id']).execute();

  await db.schema
    .createTable('measurement_review')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('claim_id', 'uuid', (c) => c.unique().references('participant_claim.id'))
    .addColumn('result_id', 'uuid', (c) => c.unique().references('aggregate_result.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('validated', 'rejected')`))
    .addColumn('reason', 'text')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('api_key_id', 'uuid', (c) => c.notNull())
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('measurement_review_one_record', sql`(claim_id is null) <> (result_id is null)`)
    .addCheckConstraint('measurement_review_reason', sql`decision = 'validated' or reason is not null`)
    .execute();
}
