import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * SHA-256 of a string, as lower-case hex. node:crypto's synchronous hash (also on Workers, with
 * nodejs_compat): Web Crypto's digest dispatches every call to a thread pool, which costs more
 * than the hash itself for the short inputs hashed on every request (API keys).
 */
export async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text).digest('hex');
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export async function contentDigest(value: unknown): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(value))}`;
}
