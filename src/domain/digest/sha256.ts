import { canonicalJson } from './canonical-json.ts';

const encoder = new TextEncoder();

/** SHA-256 of a string, as lower-case hex (Web Crypto: the same on Node and Workers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export async function contentDigest(value: unknown): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(value))}`;
}
