import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { BulkRunner } from '../db/bulk.ts';
import type { DatabaseAccess } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logging/logger.ts';
import type { KeyUses } from './auth/key-use.ts';
import type { ContractAccess } from './auth/contract-access.ts';
import type { AccessCache } from './cache/access-cache.ts';
import type { Principal } from './auth/principal.ts';
import type { ScalarBundle } from './docs/scalar-bundle.ts';
import type { SessionWithOwner } from '../db/queries/people.ts';
import type { WebAssetSource } from '../web/assets/index.ts';

/** Everything the app is built from, and nothing else. */
export interface AppDeps {
  database: DatabaseAccess;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** The Scalar bundle /docs serves. Unset: the one in node_modules (Node); the Workers entry passes its bundled copy. */
  scalarBundle?: ScalarBundle;
  /** The stylesheet and htmx the web pages serve. Unset: the files on disk (Node); the Workers entry passes its bundled copies. */
  webAssets?: WebAssetSource;
}

/** Per-request values handlers read with `c.get(...)` / `c.var`. */
export interface AppVariables {
  requestId: string;
  db: Kysely<Database>;
  /**
   * The read replica (DATABASE_READ_URL), else the primary. Read-only handlers only, and through
   * `readerForContract` / `readerAcrossContracts` (api/read-replica.ts), which fall back to the
   * primary while the replica lags behind what the request must see.
   */
  readDb: Kysely<Database>;
  bulk: BulkRunner;
  deps: AppDeps;
  /** Set by `authenticate` on routes that need a key. */
  principal: Principal;
  /** Set by the session authentication (auth/session.ts) when a person signed in: their session, person and organisation. */
  personSession: SessionWithOwner;
  /** The session token of the request (from its cookie), when authenticated by session. */
  sessionToken: string;
  /** Set by `contractAccess` on contract routes: the contract and the caller's roles in it. */
  access: ContractAccess;
  /** Present where the database can notify changes (not on Workers). */
  accessCache: AccessCache | undefined;
  /** The keys whose use this instance recorded lately (auth/key-use.ts). */
  keyUses: KeyUses | undefined;
}

export type AppEnv = { Variables: AppVariables };
