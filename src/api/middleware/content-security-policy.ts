import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every response: the API serves JSON, CSV and problem+json, none
 * of which needs to load anything, so the policy is strict. A route that serves a page needing
 * more (only /docs, see `docsPolicy`) sets its own header, which is then left as it is.
 */
export const DEFAULT_CSP = [
  "default-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Sets `Content-Security-Policy` on every response that does not carry one already (errors and 404s included). */
export function contentSecurityPolicy(policy = DEFAULT_CSP): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', policy);
  };
}

/**
 * The policy of the /docs page: the default, plus scripts allowed by a per-request nonce only (the
 * Scalar script, served by this service, and the page's start-up script); inline styles (Scalar
 * renders style attributes and injects style elements, which a nonce cannot cover); images and
 * fonts from this origin or as data: URIs; fetches to this origin only (/openapi.json and "try
 * it"). No other origin appears: the page works behind a firewall that lets nothing else through.
 */
export function docsPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The policy of the web pages (src/web): scripts, styles, images and forms from this origin only.
 * Nothing inline — no nonce needed: the pages load our stylesheet and htmx from /assets, and htmx
 * is configured not to inject styles nor evaluate script. Images may be data: URIs.
 */
export function pagePolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
