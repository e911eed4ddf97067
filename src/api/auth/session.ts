import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionWithOwner } from '../../db/queries/people.ts';
import type { SessionStage } from '../../db/schema.ts';
import { csrfTokenFor } from '../../domain/people/tokens.ts';
import { peoplePolicy } from '../../usecases/people-policy.ts';
import { liveSession } from '../../usecases/sessions.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { authenticate } from './authenticate.ts';
import { constantTimeEqual } from './keys.ts';
import { isPlatformAdministrator } from './permissions.ts';

/**
 * Authentication of people by session cookie, beside API keys (bearer) for machines.
 *
 * The cookie holds the session token (only its SHA-256 is in the database): httpOnly (no script
 * reads it), SameSite=Lax (not sent with cross-site POSTs), Path=/, and Secure when the request
 * came over TLS — directly, or through TRUST_PROXY proxies that say so in X-Forwarded-Proto; a
 * Secure cookie is named with the `__Host-` prefix, which browsers bind to this host only.
 *
 * CSRF: every request authenticated by cookie with a method other than GET, HEAD or OPTIONS must
 * carry the session's CSRF token (given at sign-in and by GET /v1/session), in the `X-CSRF-Token`
 * header or, for an HTML form, its `_csrf` field; otherwise 403. Requests with an API key
 * (`Authorization: Bearer`) are not authenticated by cookie and are not affected.
 */
export const SESSION_COOKIE = 'ol_session';
export const SECURE_SESSION_COOKIE = '__Host-ol_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request reached us over TLS (or through trusted proxies that say it did). */
export function isTls(c: Context, trustedProxies: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (trustedProxies <= 0) return false;
  const forwarded = c.req.header('x-forwarded-proto');
  if (!forwarded) return false;
  const hops = forwarded.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
  return hops[Math.max(0, hops.length - trustedProxies)] === 'https';
}

export function sessionTokenOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, 'host') ?? getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expires: Date): void {
  const secure = isTls(c, c.var.deps.config.TRUST_PROXY);
  if (secure) {
    // hono writes the name with the prefix: __Host-ol_session.
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: true, path: '/', expires, prefix: 'host' });
  } else {
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', expires });
  }
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  if (isTls(c, c.var.deps.config.TRUST_PROXY)) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
  else deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const unauthenticated = (detail: string) => new ApiError('unauthenticated', detail);

async function csrfTokenOfRequest(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const field = form[CSRF_FIELD];
    return typeof field === 'string' ? field : undefined;
  }
  return undefined;
}

/** Refuses a state-changing request authenticated by cookie without the session's CSRF token. */
export async function requireCsrf(c: Context<AppEnv>, sessionToken: string): Promise<void> {
  if (SAFE_METHODS.has(c.req.method)) return;
  const given = await csrfTokenOfRequest(c);
  if (!given || !constantTimeEqual(given, csrfTokenFor(sessionToken))) {
    throw new ApiError('forbidden', `A change made with a session cookie needs the session's CSRF token, in the ${CSRF_HEADER} header or the ${CSRF_FIELD} form field (GET /v1/session gives it).`, {
      errors: [{ location: 'header', path: 'X-CSRF-Token', message: given ? 'wrong CSRF token' : 'missing CSRF token' }],
    });
  }
}

const stageRefusal: Record<Exclude<SessionStage, 'full'>, string> = {
  second_factor: 'The sign-in is waiting for the code of your authenticator app (POST /v1/session/second-factor).',
  enrol_totp: 'Your organisation requires a second factor: set up TOTP first (POST /v1/account/totp).',
};

/**
 * Requires a live session cookie at one of `stages` (default: a full session); sets
 * `c.var.principal` (the person, their organisation and organisation role), `c.var.personSession`
 * and `c.var.sessionToken`, and checks the CSRF token on writes.
 */
export function authenticateSession(stages: readonly SessionStage[] = ['full']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A request with an API key is authenticated as such (a bad key is a 401 like anywhere, and
    // counted by authFailureLimit); the request is then validated, and the handler refuses it (403:
    // a key is not a person, see personOf) — never a 401 for a good key.
    if (c.req.header('authorization') !== undefined) return authenticate(c, next);
    const token = sessionTokenOf(c);
    if (!token) throw unauthenticated('Sign in first (POST /v1/session), or send an API key: Authorization: Bearer <key>.');
    const policy = peoplePolicy(c.var.deps.config);
    const live = await liveSession(c.var.db, token, c.var.deps.clock(), policy);
    if (!live.found) throw unauthenticated(live.problem);
    const { session, member, organisationKind, organisationName } = live.found;
    await requireCsrf(c, token);
    if (!stages.includes(session.stage)) {
      // A session short of its second factor has not authenticated the person: 401, as for no session.
      if (session.stage === 'full') throw new ApiError('invalid_state', 'This session is already complete.');
      throw unauthenticated(stageRefusal[session.stage]);
    }
    c.set('personSession', live.found);
    c.set('sessionToken', token);
    c.set('principal', {
      organisationId: member.organisation_id, organisationKind, organisationName, keyId: null, keyScope: member.role,
      isAdmin: isPlatformAdministrator(organisationKind, member.role), memberId: member.id, sessionId: session.id,
    });
    await next();
  };
}

/** The session of the person signed in; 403 for a request made with an API key (routes of people only). */
export function personOf(c: Context<AppEnv>): SessionWithOwner {
  const found = c.get('personSession') as SessionWithOwner | undefined;
  if (!found) throw new ApiError('forbidden', 'This is done by a person signed in (the session cookie), for their own account; an API key is not a person.');
  return found;
}

const fullSession = authenticateSession(['full']);

/** An API key when the request sends one (machines), else a full session (people). */
export const authenticateKeyOrSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('authorization') !== undefined) return authenticate(c, next);
  return fullSession(c, next);
};
