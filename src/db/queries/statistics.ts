import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** Rows written at once beyond which the planner's statistics are refreshed straight away. */
export const LARGE_WRITE = 50_000;

/**
 * Refreshes the planner's statistics of a table after a large write. PGlite runs no autovacuum at
 * all, and on PostgreSQL autovacuum may lag a million-row upload: without fresh statistics the
 * joins of the next evaluation can be planned as if the table were small (nested loops), which
 * is quadratic. ANALYZE samples the table: a fraction of a second, whatever its size.
 *
 * Records are joined to their submission (for its ledger number), so after records the small
 * submission table is analysed too: autovacuum analyses a table only after 50 changed rows and
 * never on PGlite, and a submission table without statistics is guessed at ~90 rows of which a
 * third are known at the evaluation's ledger number. PostgreSQL then hashed a million claims and
 * sorted them before sending the first (5.1 s to read a million claims instead of 3.2 s).
 */
export async function refreshStatistics(db: Kysely<Database>, table: 'participant_claim' | 'aggregate_result' | 'measurement_review', rowsWritten: number): Promise<void> {
  if (rowsWritten < LARGE_WRITE) return;
  await sql`analyze ${sql.table(table)}`.execute(db);
  if (table !== 'measurement_review') await sql`analyze submission`.execute(db);
}
