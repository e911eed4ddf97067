/**
 * An audit receipt: what a write returns (header `Audit-Receipt`) to prove later that it is still
 * in the trail — the chain, the entry's sequence number and the entry's hash,
 * `<chain>:<seq>:<entryHash>`. A party that keeps its receipts detects a trail cut short: the
 * chain may still link up to a shorter head, but its entry is gone (or hashes differently).
 */
export interface Receipt {
  /** Absent when given as `<seq>:<entryHash>` (the chain is then the one being verified). */
  chain?: string;
  seq: number;
  entryHash: string;
}

/** `<seq>:<entryHash>` or `<chain>:<seq>:<entryHash>`; entry hashes are `sha256:<64 hex>`. */
export const RECEIPT_PATTERN = /^(?:([^:\s]+):)?([1-9][0-9]{0,14}):(sha256:[0-9a-f]{64})$/;

export function formatReceipt(receipt: Required<Receipt>): string {
  return `${receipt.chain}:${receipt.seq}:${receipt.entryHash}`;
}

/** The receipt in `text`, or null when it is not one. */
export function parseReceipt(text: string): Receipt | null {
  const match = RECEIPT_PATTERN.exec(text);
  if (!match) return null;
  return { ...(match[1] ? { chain: match[1] } : {}), seq: Number(match[2]), entryHash: match[3]! };
}
