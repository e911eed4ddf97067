import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Marks a Kysely instance (and its transactions, which share the adapter) as running on the
 * embedded database, for the few queries that read large results differently there: PGlite pays
 * per value returned, far more than a PostgreSQL server does.
 */
export class EmbeddedPostgresAdapter extends PostgresAdapter {}

export function isEmbedded(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof EmbeddedPostgresAdapter;
}
