import type { Context, MiddlewareHandler } from 'hono';
import { findLiveKeyByHash, type KeyOwner } from '../../db/queries/api-keys.ts';
import type { SessionWithOwner } from '../../db/queries/people.ts';
import { peoplePolicy } from '../../usecases/people-policy.ts';
import { liveSession } from '../../usecases/sessions.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { noteKeyUse } from './key-use.ts';
import { constantTimeEqual, hashApiKey } from './keys.ts';
import { isPlatformAdministrator, keyScopeOfRole } from './permissions.ts';
import { requireCsrf, sessionTokenOf } from './session.ts';

const unauthenticated = (detail: string) =>
  new ApiError('unauthenticated', detail, { headers: { 'www-authenticate': 'Bearer realm="outcome-ledger"' } });

/** The SHA-256 of the bearer key of the request; 401 when there is none or the header is malformed. */
export async function bearerKeyHash(c: Context<AppEnv>): Promise<string> {
  const header = c.req.header('authorization');
  if (!header) throw unauthenticated('Send an API key: Authorization: Bearer <key> (or sign in: POST /v1/session).');
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

/**
 * Whether the request is to be authenticated by its session cookie: it sends no `Authorization`
 * header (a key always wins) and carries the cookie.
 */
export function bySession(c: Context<AppEnv>): boolean {
  return c.req.header('authorization') === undefined && sessionTokenOf(c) !== undefined;
}

/**
 * Authenticates a person by the session cookie of the request (a full session: password and, when
 * needed, second factor done) and sets `c.var.principal`: the person's organisation, acting with the
 * key scope its organisation role maps to (`keyScopeOfRole`, permissions.ts), with the person and
 * session; also `c.var.personSession` and `c.var.sessionToken`. A change (any method but GET, HEAD,
 * OPTIONS) needs the session's CSRF token, else 403. An unknown, ended or incomplete session: 401
 * (counted per address by authFailureLimit, like a bad key).
 */
export async function admitSession(c: Context<AppEnv>): Promise<SessionWithOwner> {
  const token = sessionTokenOf(c);
  if (!token) throw unauthenticated('Sign in first (POST /v1/session), or send an API key: Authorization: Bearer <key>.');
  const live = await liveSession(c.var.db, token, c.var.deps.clock(), peoplePolicy(c.var.deps.config));
  if (!live.found) throw unauthenticated(live.problem);
  const { session, member, organisationKind, organisationName } = live.found;
  if (session.stage !== 'full') throw unauthenticated('The sign-in is not complete: give the second factor first (POST /v1/session/second-factor or POST /v1/account/totp).');
  await requireCsrf(c, token);
  c.set('personSession', live.found);
  c.set('sessionToken', token);
  c.set('principal', {
    organisationId: member.organisation_id, organisationKind, organisationName, keyId: null, keyScope: keyScopeOfRole(member.role),
    isAdmin: isPlatformAdministrator(organisationKind, member.role), memberId: member.id, sessionId: session.id,
  });
  return live.found;
}

/**
 * Requires `Authorization: Bearer <key>` naming a live key, or (without that header) the session
 * cookie of a person signed in; sets `c.var.principal`.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (bySession(c)) {
    await admitSession(c);
    return next();
  }
  const hash = await bearerKeyHash(c);
  admit(c, hash, await findLiveKeyByHash(c.var.db, hash));
  await noteKeyUse(c);
  await next();
};
