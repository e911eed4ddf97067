import type { Kysely } from 'kysely';

// Uploads of millions of claims pay for every index; listing by submission is rare and served by
// the contract index with a filter, so this index does not earn its cost.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participant_claim_by_submission').execute();
}
