/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits. Ids sort by creation
 * time, so they double as stable cursors for pagination. Random bytes come from Web Crypto (Node
 * and Workers), drawn in blocks because uploads create ids by the million.
 */
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = new Uint8Array(65_536);
let poolPosition = pool.length;
let lastMs = 0;
let sequence = 0;

function random(count: number): number {
  if (poolPosition + count > pool.length) {
    crypto.getRandomValues(pool);
    poolPosition = 0;
  }
  const at = poolPosition;
  poolPosition += count;
  return at;
}

export function newId(now: number = Date.now()): string {
  // Strictly increasing within one process, even within one millisecond (12-bit sequence in rand_a).
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    const at = random(2);
    sequence = ((pool[at]! << 8) | pool[at + 1]!) & 0x7ff; // headroom so increments rarely overflow
  }
  const r = random(8);
  const t = hex[Math.floor(now / 2 ** 40) & 0xff]! + hex[Math.floor(now / 2 ** 32) & 0xff]! + hex[(now >>> 24) & 0xff]! +
    hex[(now >>> 16) & 0xff]! + '-' + hex[(now >>> 8) & 0xff]! + hex[now & 0xff]!;
  return `${t}-${hex[0x70 | ((sequence >>> 8) & 0x0f)]}${hex[sequence & 0xff]}-${hex[0x80 | (pool[r]! & 0x3f)]}${hex[pool[r + 1]!]}-` +
    hex[pool[r + 2]!]! + hex[pool[r + 3]!]! + hex[pool[r + 4]!]! + hex[pool[r + 5]!]! + hex[pool[r + 6]!]! + hex[pool[r + 7]!]!;
}
