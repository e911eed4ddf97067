import { type Kysely, sql } from 'kysely';
import { displayPrefix, generateApiKey, hashApiKey } from '../api/auth/keys.ts';
import { insertApiKey, keyHashExists } from '../db/queries/api-keys.ts';
import { findPlatformOrganisation, insertOrganisation } from '../db/queries/organisations.ts';
import { appendAudit, kyselyExec, PLATFORM_CHAIN } from '../db/queries/audit.ts';
import type { Database } from '../db/schema.ts';

export interface AdministratorBootstrap {
  platformOrganisationId: string;
  /** Set only when this call generated a new key: it must be shown to the operator once. */
  generatedKey?: string;
}

/**
 * Makes sure the platform administrator exists. With ADMIN_API_KEY set, that key is registered
 * (once; rotating the variable adds the new key, and old ones stay valid until revoked). Without
 * it, a key is generated only when the platform has no live key at all: on first start. Several
 * instances starting at once are serialised by an advisory lock.
 */
export async function ensureAdministrator(db: Kysely<Database>, configuredKey?: string): Promise<AdministratorBootstrap> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('outcome-ledger:bootstrap-admin'))`.execute(trx);
    const exec = kyselyExec(trx);
    const record = (action: string, entityType: string, entityId: string, state: unknown) => appendAudit(exec, {
      chain: PLATFORM_CHAIN, action, entityType, entityId, state, organisationId: null, apiKeyId: null, requestId: null, recordedAt: new Date(),
    });
    let platform = await findPlatformOrganisation(trx);
    if (!platform) {
      platform = await insertOrganisation(trx, { name: 'Platform administration', kind: 'platform' });
      await record('organisation.created', 'organisation', platform.id, platform);
    }
    if (configuredKey) {
      const hash = await hashApiKey(configuredKey);
      if (!(await keyHashExists(trx, hash))) {
        const row = await insertApiKey(trx, {
          organisationId: platform.id, keyHash: hash, keyPrefix: displayPrefix(configuredKey), label: 'ADMIN_API_KEY', createdByKeyId: null, scope: 'admin',
        });
        await record('api_key.created', 'api_key', row.id, row);
      }
      return { platformOrganisationId: platform.id };
    }
    const live = await trx
      .selectFrom('api_key')
      .select('id')
      .where('organisation_id', '=', platform.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (live) return { platformOrganisationId: platform.id };
    const key = generateApiKey();
    const keyHash = await hashApiKey(key);
    const row = await insertApiKey(trx, {
      organisationId: platform.id, keyHash, keyPrefix: displayPrefix(key), label: 'generated on first start', createdByKeyId: null, scope: 'admin',
    });
    await record('api_key.created', 'api_key', row.id, row);
    return { platformOrganisationId: platform.id, generatedKey: key };
  });
}
