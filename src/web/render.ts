import type { Child } from 'hono/jsx';
import { pagePolicy } from '../api/middleware/content-security-policy.ts';
import type { WebContext } from './context.ts';

/**
 * Answers a page: `<!doctype html>` and the rendered JSX, with the pages' Content-Security-Policy
 * (scripts, styles, images and forms from this origin only: nothing inline) and `no-store` (pages
 * show a person's data: no cache keeps them).
 */
export async function render(c: WebContext, node: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503 = 200): Promise<Response> {
  const html = await Promise.resolve((node as { toString(): string | Promise<string> }).toString());
  return c.html(`<!doctype html>${html}`, status, pageHeaders());
}

export function pageHeaders(): Record<string, string> {
  return { 'content-security-policy': pagePolicy(), 'cache-control': 'no-store' };
}

/** After a form post: 303 See Other to a page (Post/Redirect/Get). */
export const seeOther = (c: WebContext, location: string) => c.redirect(location, 303);
