import type { KeyOwner } from '../../db/queries/api-keys.ts';
import type { ChangeFeed } from '../../db/database.ts';
import type { Contract } from '../../db/schema.ts';

/**
 * Who may do what on a contract, as read by the one query of contract routes (key, organisation,
 * contract, roles, audit head), kept for a few seconds per (key, contract). Correctness does not
 * rest on the time limit: every write notifies its contract (or "platform", for keys and
 * organisations) through the database at commit, and every instance drops the matching entries;
 * losing the listening connection, and listening again, drop everything, and while it is not
 * listening nothing is served or kept (changes could not be heard). The writing instance also
 * drops them itself once the write is done, so a client reading after its own write never sees
 * the past. The time limit only bounds what a lost notification could leave behind.
 */
export interface AccessEntry {
  owner: KeyOwner;
  contract: Contract | undefined;
  roles: Set<string>;
  auditHead: number;
}

export class AccessCache {
  private readonly entries = new Map<string, AccessEntry & { at: number; contractId: string }>();

  constructor(private readonly feed: ChangeFeed, private readonly maxAgeMs = 5_000, private readonly maxEntries = 20_000) {
    feed((chain) => {
      if (chain === null || chain === 'platform') this.entries.clear();
      else this.dropContract(chain);
    });
  }

  get(keyHash: string, contractId: string, now: number): AccessEntry | undefined {
    if (!this.feed.listening()) return undefined;
    const entry = this.entries.get(`${keyHash}|${contractId}`);
    if (!entry) return undefined;
    if (now - entry.at > this.maxAgeMs) {
      this.entries.delete(`${keyHash}|${contractId}`);
      return undefined;
    }
    return entry;
  }

  set(keyHash: string, contractId: string, entry: AccessEntry, now: number): void {
    if (!this.feed.listening()) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(`${keyHash}|${contractId}`, { ...entry, at: now, contractId });
  }

  dropContract(contractId: string): void {
    for (const [key, entry] of this.entries) if (entry.contractId === contractId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
