import { displayPrefix, generateApiKey, hashApiKey } from '../api/auth/keys.ts';
import { ApiError } from '../api/errors/api-error.ts';
import { findApiKey, insertApiKey, revokeApiKey } from '../db/queries/api-keys.ts';
import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { findOrganisation } from '../db/queries/organisations.ts';
import type { ApiKey, KeyScope } from '../db/schema.ts';
import type { Actor, WriteContext } from './context.ts';

/**
 * Keys of an organisation are issued and revoked by the platform administrator or by one of the
 * organisation's own `admin` keys — never by a `member` key, so a leaked member key cannot mint
 * itself a successor that outlives its revocation.
 */
export function mayManageKeys(actor: Actor, organisationId: string): boolean {
  return actor.isAdmin || (actor.organisationId === organisationId && actor.keyScope === 'admin');
}

function requireKeyManager(actor: Actor, organisationId: string): void {
  if (mayManageKeys(actor, organisationId)) return;
  throw new ApiError('forbidden', actor.organisationId === organisationId
    ? "Only an admin key of your organisation (or the platform administrator) issues and revokes its keys; this is a member key."
    : "Only the platform administrator or the organisation's own admin keys manage an organisation's keys.");
}

/** Issues a key; the key itself is returned this once (only its SHA-256 is stored). */
export async function issueApiKey(
  ctx: WriteContext,
  input: { organisationId: string; label: string | null; scope: KeyScope },
): Promise<{ row: ApiKey; key: string }> {
  requireKeyManager(ctx.actor, input.organisationId);
  const organisation = await findOrganisation(ctx.trx, input.organisationId);
  if (!organisation) throw new ApiError('not_found', 'No such organisation.');
  const key = generateApiKey();
  const row = await insertApiKey(ctx.trx, {
    organisationId: input.organisationId, keyHash: await hashApiKey(key), keyPrefix: displayPrefix(key), label: input.label,
    createdByKeyId: ctx.actor.apiKeyId, scope: input.scope,
  });
  // The audit state is the key's record (its hash included), never the key itself.
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'api_key.created', entityType: 'api_key', entityId: row.id, state: row });
  return { row, key };
}

export async function revokeKey(ctx: WriteContext, input: { organisationId: string; keyId: string }): Promise<ApiKey> {
  requireKeyManager(ctx.actor, input.organisationId);
  const key = await findApiKey(ctx.trx, input.organisationId, input.keyId);
  if (!key) throw new ApiError('not_found', 'No such API key.');
  if (key.revoked_at) throw new ApiError('invalid_state', `The key was already revoked at ${key.revoked_at.toISOString()}.`);
  // A person revoking (no key) leaves revoked_by_key_id null: their id is in the audit entry (member_id).
  const row = await revokeApiKey(ctx.trx, input.keyId, ctx.actor.apiKeyId, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'api_key.revoked', entityType: 'api_key', entityId: row.id, state: row });
  return row;
}
