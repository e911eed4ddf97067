import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { isTls } from '../api/auth/session.ts';
import { setLocale } from '../usecases/members.ts';
import { act, formOf } from './actions.ts';
import { adminPages } from './admin/index.tsx';
import { contractPages } from './contracts/index.tsx';
import { contractEditorPages } from './contracts/register.tsx';
import { assetsOf, LOCALE_COOKIE, publicPage, safeNext } from './auth.ts';
import type { WebEnv } from './context.ts';
import { pageErrorHandler } from './errors.tsx';
import { isLocale } from './i18n/index.ts';
import { evaluatorPages } from './evaluator/index.ts';
import { homePages } from './pages/home.tsx';
import { operatorPages } from './operator/index.tsx';
import { invitationPages } from './pages/invitation.tsx';
import { profilePages } from './pages/profile.tsx';
import { repaymentPages } from './repayment/index.tsx';
import { evaluatePages } from './repayment/evaluate.tsx';
import { auditPages } from './audit/index.tsx';
import { publicPages } from './public/index.tsx';
import { signInPages } from './pages/sign-in.tsx';

/**
 * The web workspace (issue 17): server-rendered pages for people, beside the API for machines.
 *
 * These are plain Hono routes, not OpenAPI routes: /openapi.json documents the API (/v1/…) only,
 * and pages answer HTML (their errors too: errors.tsx). Every page route carries its own
 * middleware (`memberPage()` / `publicPage()` from auth.ts) — never `use('*')`: this router is
 * mounted at the root of the app, where a `use('*')` would run for every API request too.
 * See src/web/README.md for how to add a page.
 */

const YEAR = 'public, max-age=31536000, immutable';

export function webRouter() {
  const web = new Hono<WebEnv>();

  // Our stylesheet and htmx, under URLs that change with their content (cached for a year).
  web.on('GET', ['/assets/:file', '/assets/:dir/:file'], async (c) => {
    const asset = (await assetsOf(c.var.deps)).byPath.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': YEAR, 'x-content-type-options': 'nosniff' });
  });

  // The language switch: remembered in a cookie, and as the member's preference when signed in (the API's setLocale action).
  web.post('/language', publicPage(), async (c) => {
    const field = await formOf(c);
    const locale = field('locale');
    const next = safeNext(field('next'));
    if (!isLocale(locale)) return c.redirect(next, 303);
    setCookie(c, LOCALE_COOKIE, locale, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600, secure: isTls(c, c.var.deps.config.TRUST_PROXY) });
    if (c.var.webSession?.session.stage === 'full') await act(c, (ctx) => setLocale(ctx, { locale }));
    return c.redirect(next, 303);
  });

  web.route('/', signInPages);
  web.route('/', homePages);
  web.route('/', invitationPages);
  web.route('/', profilePages);
  web.route('/', operatorPages);
  web.route('/', evaluatorPages);
  web.route('/', adminPages);
  web.route('/', contractEditorPages);
  web.route('/', contractPages);
  web.route('/', repaymentPages);
  web.route('/', evaluatePages);
  web.route('/', auditPages);
  web.route('/', publicPages);

  web.onError(pageErrorHandler());
  return web;
}

export { notFoundPage, wantsPage } from './errors.tsx';
