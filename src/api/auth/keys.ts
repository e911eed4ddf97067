import { sha256Hex } from '../../domain/digest/sha256.ts';

/**
 * API keys: `olk_` followed by 32 random bytes in base64url (256 bits). Only the SHA-256 of a
 * key is stored — a fast hash suffices because keys are random, not chosen by people — and the
 * key itself is shown once, when it is created.
 */
export const KEY_PREFIX = 'olk_';

export function generateApiKey(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return KEY_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const hashApiKey = (key: string): Promise<string> => sha256Hex(key);

/** The part of a key that may be shown later to recognise it (prefix and first characters). */
export const displayPrefix = (key: string): string => key.slice(0, KEY_PREFIX.length + 6);

/** Compares two equal-length hex digests without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
