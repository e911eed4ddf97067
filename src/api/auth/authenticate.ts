import type { Context, MiddlewareHandler } from 'hono';
import { findLiveKeyByHash, type KeyOwner } from '../../db/queries/api-keys.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { constantTimeEqual, hashApiKey } from './keys.ts';

const unauthenticated = (detail: string) =>
  new ApiError('unauthenticated', detail, { headers: { 'www-authenticate': 'Bearer realm="outcome-ledger"' } });

/** The SHA-256 of the bearer key of the request; 401 when there is none or the header is malformed. */
export async function bearerKeyHash(c: Context<AppEnv>): Promise<string> {
  const header = c.req.header('authorization');
  if (!header) throw unauthenticated('Send an API key: Authorization: Bearer <key>.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
  return hashApiKey(match[1]!);
}

/** Sets `c.var.principal` from the key found for `hash` (compared in constant time); 401 if none. */
export function admit(c: Context<AppEnv>, hash: string, owner: KeyOwner | undefined): void {
  if (!owner || !constantTimeEqual(owner.keyHash, hash)) throw unauthenticated('The API key is unknown or revoked.');
  c.set('principal', {
    organisationId: owner.organisationId,
    organisationKind: owner.organisationKind,
    organisationName: owner.organisationName,
    keyId: owner.keyId,
    keyScope: owner.keyScope,
    isAdmin: owner.organisationKind === 'platform',
  });
}

/** Requires `Authorization: Bearer <key>` naming a live key; sets `c.var.principal`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const hash = await bearerKeyHash(c);
  admit(c, hash, await findLiveKeyByHash(c.var.db, hash));
  await next();
};
