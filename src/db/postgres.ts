import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

const keepText = { serialize: (x: unknown) => String(x), parse: (x: string) => x };

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  connectTimeoutSeconds?: number;
}

/** Creates the postgres.js client with the value conventions shared with PGlite (see pglite.ts). */
export function createPostgresClient(options: PostgresOptions) {
  return postgres(options.url, {
    max: options.poolMax ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 30,
    onnotice: () => {},
    // NUMERIC (1700) and INT8 (20) are strings by default in postgres.js; DATE (1082) is not.
    types: {
      date: { to: 1082, from: [1082], ...keepText },
    },
    connection: { application_name: 'outcome-ledger', TimeZone: 'UTC' },
  });
}

/** A real PostgreSQL server through postgres.js. */
export function openPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const sql = createPostgresClient(options);
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
