import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { constantTimeEqual } from '../api/auth/keys.ts';
import { CSRF_FIELD, clearSessionCookie, isTls, requireCsrf, sessionTokenOf } from '../api/auth/session.ts';
import type { AppDeps } from '../api/context.ts';
import type { SessionStage } from '../db/schema.ts';
import { csrfTokenFor } from '../domain/people/tokens.ts';
import { peoplePolicy } from '../usecases/people-policy.ts';
import { liveSession } from '../usecases/sessions.ts';
import { assetLoader, installedWebAssets, type LoadedAssets } from './assets/index.ts';
import { pageContext, viewerOf, type WebContext, type WebEnv } from './context.ts';
import { resolveLocale } from './i18n/index.ts';
import { isPlatformAdministrator } from '../api/auth/permissions.ts';

/**
 * Authentication of pages: the same session cookie, the same `liveSession` check and the same
 * CSRF token as the API's cookie authentication (api/auth/session.ts), answering as a person's
 * browser expects: a page that needs a person redirects to /sign-in?next=… (303) instead of a 401
 * problem, and errors are HTML pages in the reader's language (errors.tsx).
 *
 * Every form carries the CSRF token in its `_csrf` field (<CsrfField page={page} />); every
 * non-GET page request is checked: with a session, by `requireCsrf` (the token derived from the
 * session token, as for the API); before sign-in (sign-in, invitation, language forms), by a
 * double-submit token: a random value in an httpOnly SameSite=Lax cookie (`ol_form`) that the
 * form must echo — a cross-site page can neither read nor set it.
 */
export const LOCALE_COOKIE = 'ol_locale';
export const FORM_COOKIE = 'ol_form';

/** Thrown when a form comes back without its CSRF token (or with another one): a 403 page. */
export class CsrfRefused extends Error {
  constructor() {
    super('CSRF token missing or wrong');
    this.name = 'CsrfRefused';
  }
}

const loaders = new WeakMap<AppDeps, () => Promise<LoadedAssets>>();
/** The page assets of this app (loaded once). */
export function assetsOf(deps: AppDeps): Promise<LoadedAssets> {
  let loader = loaders.get(deps);
  if (!loader) loaders.set(deps, (loader = assetLoader(deps.webAssets ?? installedWebAssets())));
  return loader();
}

/** A local path to go back to after sign-in or a language change; anything else (another site) is home. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function randomToken(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function formFieldOf(c: WebContext): Promise<string | undefined> {
  if (c.req.header('x-csrf-token')) return c.req.header('x-csrf-token');
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) return undefined;
  const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
  const value = form[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

export interface PageAuthOptions {
  /**
   * `member`: a person must be signed in (else a redirect to /sign-in?next=…); `optional`: the
   * page serves everyone and knows the person when there is one.
   */
  auth: 'member' | 'optional';
  /** The session stages a `member` page accepts (default: a full session only). */
  stages?: readonly SessionStage[];
}

/**
 * The middleware of every page route: the session (if any), the language, the CSRF check on
 * writes, the assets, then `c.var.page` (see PageContext) for the handler. On a `member` page
 * the request also gets `c.var.principal` (and `personSession`, `sessionToken`), exactly as the
 * API's session authentication sets them, so `actorOf(c)` and the application actions see the
 * same actor as through the API.
 */
export function pageAuth(options: PageAuthOptions): MiddlewareHandler<WebEnv> {
  const stages = options.stages ?? ['full'];
  return async (c, next) => {
    const url = new URL(c.req.url);
    const here = url.pathname + url.search;
    const token = sessionTokenOf(c);
    const now = c.var.deps.clock();
    const live = token ? await liveSession(c.var.db, token, now, peoplePolicy(c.var.deps.config)) : undefined;
    const found = live?.found;
    if (token && !found) clearSessionCookie(c as never);

    if (options.auth === 'member') {
      if (!found) {
        const query = new URLSearchParams({ next: c.req.method === 'GET' ? here : '/' });
        if (token) query.set('expired', '1');
        return c.redirect(`/sign-in?${query}`, 303);
      }
      if (!stages.includes(found.session.stage)) {
        if (found.session.stage === 'second_factor') return c.redirect(`/sign-in/code?${new URLSearchParams({ next: here })}`, 303);
        if (found.session.stage === 'enrol_totp') return c.redirect('/profile', 303);
        return c.redirect('/', 303);
      }
    }

    // CSRF, before anything is read or changed.
    let csrfToken: string;
    if (found && token) {
      csrfToken = csrfTokenFor(token);
      if (!SAFE.has(c.req.method)) {
        try {
          await requireCsrf(c as never, token);
        } catch {
          // A public form (sign-in, invitation, language) shown before the session began carries
          // the visitor's token: as good a proof that the form came from this site.
          const cookie = getCookie(c, FORM_COOKIE);
          const given = options.auth === 'optional' ? await formFieldOf(c) : undefined;
          if (!cookie || !given || !constantTimeEqual(given, cookie)) throw new CsrfRefused();
        }
      }
    } else {
      const cookie = getCookie(c, FORM_COOKIE);
      if (!SAFE.has(c.req.method)) {
        const given = await formFieldOf(c);
        if (!cookie || !given || !constantTimeEqual(given, cookie)) throw new CsrfRefused();
      }
      csrfToken = cookie ?? randomToken();
      if (!cookie) {
        setCookie(c, FORM_COOKIE, csrfToken, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isTls(c, c.var.deps.config.TRUST_PROXY) });
      }
    }

    if (found && token) {
      const { session, member, organisationKind, organisationName } = found;
      c.set('webSession', found);
      c.set('personSession', found);
      c.set('sessionToken', token);
      c.set('principal', {
        organisationId: member.organisation_id, organisationKind, organisationName, keyId: null, keyScope: member.role,
        isAdmin: isPlatformAdministrator(organisationKind, member.role), memberId: member.id, sessionId: session.id,
      });
    } else {
      c.set('webSession', undefined);
    }
    const locale = resolveLocale({
      memberLocale: found?.member.locale, cookie: getCookie(c, LOCALE_COOKIE), acceptLanguage: c.req.header('accept-language'),
    });
    c.set('page', pageContext({
      locale, viewer: found ? viewerOf(found) : undefined, csrfToken, here, assets: await assetsOf(c.var.deps),
      requestId: c.get('requestId') ?? '',
    }));
    await next();
  };
}

/** Pages that need a person signed in (a full session, unless `stages` says otherwise). */
export const memberPage = (stages?: readonly SessionStage[]) => pageAuth({ auth: 'member', ...(stages ? { stages } : {}) });
/** Pages for everyone (sign-in, invitation): they know the person when there is one. */
export const publicPage = () => pageAuth({ auth: 'optional' });
