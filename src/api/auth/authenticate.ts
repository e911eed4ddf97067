import type { MiddlewareHandler } from 'hono';
import { findLiveKeyByHash } from '../../db/queries/api-keys.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { constantTimeEqual, hashApiKey } from './keys.ts';

const unauthenticated = (detail: string) =>
  new ApiError('unauthenticated', detail, { headers: { 'www-authenticate': 'Bearer realm="outcome-ledger"' } });

/** Requires `Authorization: Bearer <key>` naming a live key; sets `c.var.principal`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) throw unauthenticated('Send an API key: Authorization: Bearer <key>.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
  const hash = await hashApiKey(match[1]!);
  const owner = await findLiveKeyByHash(c.var.db, hash);
  if (!owner || !constantTimeEqual(owner.keyHash, hash)) throw unauthenticated('The API key is unknown or revoked.');
  c.set('principal', {
    organisationId: owner.organisationId,
    organisationKind: owner.organisationKind,
    organisationName: owner.organisationName,
    keyId: owner.keyId,
    isAdmin: owner.organisationKind === 'platform',
  });
  await next();
};
