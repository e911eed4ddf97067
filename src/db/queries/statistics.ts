import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** Rows written at once beyond which the planner's statistics may need refreshing straight away. */
export const LARGE_WRITE = 50_000;

/** …and the share of the table's last known size those rows must reach. */
export const LARGE_SHARE = 0.1;

/**
 * Refreshes the planner's statistics of a table after a large write. PGlite runs no autovacuum at
 * all, and on PostgreSQL autovacuum may lag a million-row upload: without fresh statistics the
 * joins of the next evaluation can be planned as if the table were small (nested loops), which
 * is quadratic. ANALYZE samples the table: a fraction of a second on a million rows, but seconds
 * on tens of millions, and two at once on one table wait for each other. So it runs only when the
 * write changes the table's size by a tenth or more of what the statistics last saw (or they never
 * saw it): a 100,000-row upload into a 10,000,000-row table leaves the estimates right (it is one
 * contract among a hundred), and is not made to wait.
 */
export async function refreshStatistics(db: Kysely<Database>, table: 'participant_claim' | 'aggregate_result' | 'measurement_review', rowsWritten: number): Promise<void> {
  if (rowsWritten < LARGE_WRITE) return;
  const { rows } = await sql<{ known: string | number }>`select reltuples as known from pg_class where oid = to_regclass(${table})`.execute(db);
  const known = Number(rows[0]?.known ?? -1);
  if (known >= 0 && rowsWritten < known * LARGE_SHARE) return;
  await sql`analyze ${sql.table(table)}`.execute(db);
}
