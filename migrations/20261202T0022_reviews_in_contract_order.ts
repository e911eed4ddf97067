import { type Kysely, sql } from 'kysely';

/**
 * An evaluation reads a contract's validated claims in id order (src/db/queries/evaluations.ts):
 * the claims by their primary key (contract_id, id), each joined to its review. The reviews' only
 * index on claims was the unique (claim_id, contract_id) (migration 0021): in claim order across
 * every contract, so a merge join in id order had to read every contract's reviews, and PostgreSQL
 * chose instead to hash both tables and sort the result — nothing reached the service until a
 * million claims were sorted. Indexed by (contract_id, claim_id), a contract's reviews are one range
 * in claim order: both sides are read in order, the join streams, at any number of contracts.
 * Lookups of a review by its claim alone still use the unique index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index measurement_review_claims_in_order on measurement_review (contract_id, claim_id) where claim_id is not null`.execute(db);
}
