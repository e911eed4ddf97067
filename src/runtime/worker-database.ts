import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import type { DatabaseAccess } from '../db/database.ts';
import { createPostgresClient, postgresBulk } from '../db/postgres.ts';
import type { Database } from '../db/schema.ts';

/**
 * On Workers a socket cannot outlive the request that opened it, so every request (and every
 * scheduled run) gets its own small postgres.js client, closed when the work is done. Through a
 * Hyperdrive binding the connection itself is pooled by Cloudflare, so this stays cheap.
 */
export function perRequestDatabase(connectionString: string): DatabaseAccess {
  return {
    kind: 'postgres',
    async run(work) {
      const sql = createPostgresClient({ url: connectionString, poolMax: 5 });
      const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
      try {
        return await work(db, postgresBulk(sql));
      } finally {
        await db.destroy();
      }
    },
  };
}
