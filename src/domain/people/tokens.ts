import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to people — session tokens, invitation tokens — are 256 random bits in base64url.
 * Only their SHA-256 is stored (a fast hash suffices for random secrets). The CSRF token of a
 * session is derived from its token, so it needs no storage and cannot be computed from what the
 * database holds.
 */
export const SESSION_PREFIX = 'ols_';
export const INVITATION_PREFIX = 'oli_';

export const newSecret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const csrfTokenFor = (sessionToken: string): string =>
  createHash('sha256').update(`outcome-ledger:csrf:${sessionToken}`).digest('base64url');
