import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** Rows written at once beyond which the planner's statistics are refreshed straight away. */
export const LARGE_WRITE = 50_000;

/**
 * Refreshes the planner's statistics of a table after a large write. PGlite runs no autovacuum at
 * all, and on PostgreSQL autovacuum may lag a million-row upload: without fresh statistics the
 * joins of the next evaluation can be planned as if the table were small (nested loops), which
 * is quadratic. ANALYZE samples the table: a fraction of a second, whatever its size.
 */
export async function refreshStatistics(db: Kysely<Database>, table: 'participant_claim' | 'aggregate_result' | 'measurement_review', rowsWritten: number): Promise<void> {
  if (rowsWritten < LARGE_WRITE) return;
  await sql`analyze ${sql.table(table)}`.execute(db);
}
