import { contentDigest } from '../digest/sha256.ts';

/**
 * The audit trail as hash chains. Every entry's hash is the SHA-256 of the canonical JSON of its
 * fields together with the previous entry's hash, so changing, removing or reordering any entry
 * breaks every link after it. The first entry of a chain links to GENESIS.
 */
export const GENESIS = 'sha256:' + '0'.repeat(64);

export interface AuditFields {
  chain: string;
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  stateDigest: string;
  organisationId: string | null;
  apiKeyId: string | null;
  requestId: string | null;
  /** ISO timestamp with milliseconds. */
  recordedAt: string;
  previousHash: string;
  /**
   * The person behind the write (migration 0013). Present only when set: entries without a person,
   * all those written before, hash exactly as they always did.
   */
  memberId?: string;
}

export async function entryHash(fields: AuditFields): Promise<string> {
  return contentDigest(fields);
}

export type ChainVerification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenAt: { seq: number; entryId: string | null; reason: string } };

/** Recomputes a chain (entries in seq order) and names the first broken link. */
export async function verifyChain(entries: readonly (AuditFields & { id: string; entryHash: string })[]): Promise<ChainVerification> {
  let previous = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const broken = (reason: string): ChainVerification => ({ ok: false, entries: entries.length, brokenAt: { seq: e.seq, entryId: e.id, reason } });
    if (e.seq !== i + 1) return { ok: false, entries: entries.length, brokenAt: { seq: i + 1, entryId: null, reason: `entry ${i + 1} is missing (found ${e.seq} in its place)` } };
    if (e.previousHash !== previous) return broken(`it links to ${e.previousHash}, but the entry before it hashes to ${previous}`);
    const { id: _, entryHash: stored, ...fields } = e;
    const computed = await entryHash(fields);
    if (computed !== stored) return broken(`its content hashes to ${computed}, not the ${stored} recorded: the entry was altered`);
    previous = stored;
  }
  return { ok: true, entries: entries.length, head: previous };
}
