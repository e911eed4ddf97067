import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from '../api/errors/api-error.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { PageForbidden, PageNotFound } from './access.ts';
import { assetsOf, CsrfRefused, LOCALE_COOKIE } from './auth.ts';
import { type PageContext, pageContext, type WebContext } from './context.ts';
import { resolveLocale } from './i18n/index.ts';
import { Layout } from './layout.tsx';
import { render } from './render.ts';

/**
 * Errors of pages are pages: in the reader's language, with a way back, never problem+json (the
 * API's errors stay problem+json). A page that needs a person and finds none redirects to sign-in
 * (auth.ts); here are the rest.
 */
type ErrorStatus = 403 | 404 | 409 | 422 | 429 | 500 | 503;

/** The page context when the request has none yet (no route matched, or it failed before): language from the cookie or Accept-Language. */
async function pageOf(c: Context): Promise<PageContext> {
  const existing = c.get('page') as PageContext | undefined;
  if (existing) return existing;
  const url = new URL(c.req.url);
  return pageContext({
    locale: resolveLocale({ cookie: getCookie(c, LOCALE_COOKIE), acceptLanguage: c.req.header('accept-language') }),
    viewer: undefined, csrfToken: '', here: url.pathname + url.search, assets: await assetsOf(c.get('deps')), requestId: c.get('requestId') ?? '',
  });
}

export async function errorPage(c: Context, status: ErrorStatus, text?: string): Promise<Response> {
  const page = await pageOf(c);
  const { t } = page;
  const title = t(`error.title.${status}`);
  const body = text ?? (status === 404 ? t('error.text.404') : status === 403 ? t('error.text.403') : status === 429 ? t('error.text.429')
    : status === 503 ? t('error.text.503') : status === 500 ? t('error.text.500', { requestId: page.requestId }) : '');
  return render(c as WebContext, (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {body ? <p>{body}</p> : null}
      <p><a href="/">{t('error.back')}</a></p>
      {page.requestId && status >= 500 ? <p class="hint">{t('error.requestId', { requestId: page.requestId })}</p> : null}
    </Layout>
  ), status);
}

/** Whether a request that matched no route wants a page (a browser) rather than a problem document (a program). */
export function wantsPage(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith('/v1/') || path === '/v1' || path === '/openapi.json' || path.startsWith('/docs')) return false;
  const accept = c.req.header('accept') ?? '';
  return /\btext\/html\b/i.test(accept);
}

/** The 404 of the web workspace, for requests that match no route and want a page. */
export const notFoundPage = (c: Context) => errorPage(c, 404);

/** The `onError` of the web routes. */
export function pageErrorHandler() {
  return async (error: Error, c: Context): Promise<Response> => {
    if (error instanceof CsrfRefused) return errorPage(c, 403, (await pageOf(c)).t('error.csrf'));
    if (error instanceof PageNotFound) return errorPage(c, 404);
    if (error instanceof PageForbidden) return errorPage(c, 403);
    if (error instanceof ApiError) {
      switch (error.code) {
        case 'not_found': return errorPage(c, 404);
        case 'forbidden': return errorPage(c, 403);
        case 'unauthenticated': return c.redirect(`/sign-in?${new URLSearchParams({ next: '/', expired: '1' })}`, 303);
        case 'rate_limited': return errorPage(c, 429);
        case 'invalid_state': case 'conflict': return errorPage(c, 409, error.message);
        case 'validation_failed': case 'invalid_request': case 'malformed_body': return errorPage(c, 422, error.message);
        case 'payload_too_large': return errorPage(c, 422, error.message);
        case 'database_unavailable': return errorPage(c, 503);
        default: break;
      }
    }
    if (error instanceof HTTPException && error.status === 404) return errorPage(c, 404);
    if (isDatabaseUnavailable(error)) return errorPage(c, 503);
    c.get('deps')?.logger.error({ requestId: c.get('requestId'), err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error on a page');
    return errorPage(c, 500);
  };
}
