import type { App } from '../../src/app.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

/**
 * Driving the web pages in-process as a browser would, without one: a cookie jar, GETs, and
 * form posts that carry the CSRF token of the last page shown (as its hidden `_csrf` field).
 */
export const PASSWORD = 'correct horse battery staple';

/** A person in `organisationId`, invited by the platform administrator's key and accepted through the API. */
export async function personIn(app: App, organisationId: string, email: string, options: { name?: string; locale?: 'en' | 'fr' } = {}) {
  const invited = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email, role: 'admin', ...(options.locale ? { locale: options.locale } : {}) });
  if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${await invited.text()}`);
  const { link } = (await invited.json()) as { link: string };
  const token = new URL(link).searchParams.get('token')!;
  const accepted = await app.request('/v1/invitation/accept', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name: options.name ?? email.split('@')[0], password: PASSWORD, ...(options.locale ? { locale: options.locale } : {}) }),
  });
  if (accepted.status !== 201) throw new Error(`accept ${email}: ${accepted.status} ${await accepted.text()}`);
  return { email, password: PASSWORD };
}

/** An invitation link for `email` (or, with `email` null, none) as the administrator gets it. */
export async function invitationLink(app: App, organisationId: string, email: string): Promise<string> {
  const invited = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email, role: 'admin' });
  if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${await invited.text()}`);
  return ((await invited.json()) as { link: string }).link;
}

export const csrfOf = (html: string): string | undefined => /name="_csrf" value="([^"]*)"/.exec(html)?.[1];

export class Visitor {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: App, private readonly headers: Record<string, string> = {}) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.app.request(path, { headers: { accept: 'text/html', ...this.headers, cookie: this.cookieHeader, ...headers } });
    this.keep(response);
    if ((response.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await response.clone().text();
    return response;
  }

  /** Posts a form as the last page's form would: with its CSRF token unless `csrf` is given (null: none). */
  async post(path: string, fields: Record<string, string>, csrf: string | null | undefined = undefined): Promise<Response> {
    const token = csrf === undefined ? csrfOf(this.lastHtml) : csrf;
    const body = new URLSearchParams({ ...(token ? { _csrf: token } : {}), ...fields });
    const response = await this.app.request(path, {
      method: 'POST',
      headers: { accept: 'text/html', ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader },
      body: body.toString(),
    });
    this.keep(response);
    if ((response.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await response.clone().text();
    return response;
  }

  /** Signs in through the page (no TOTP); answers the sign-in POST's response. */
  async signIn(email: string, password = PASSWORD, next = '/'): Promise<Response> {
    await this.get(`/sign-in?next=${encodeURIComponent(next)}`);
    return this.post(`/sign-in?next=${encodeURIComponent(next)}`, { email, password });
  }
}
