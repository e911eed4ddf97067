import type { FieldProblem } from '../../api/errors/api-error.ts';
import type { SubmissionKind } from '../../db/schema.ts';
import type { MeasurementPreview } from '../../usecases/preview-measurements.ts';

/**
 * Files between their preview and their submission: kept in this process's memory, under a random
 * id, for the session that previewed them, for 30 minutes at most (and 256 MB in all; the oldest
 * go first). Nothing is written anywhere. With several instances behind a load balancer the
 * submission must reach the instance of the preview (sticky sessions); otherwise — and after a
 * restart or expiry — the page says the preview expired and asks for the file again: nothing is
 * ever stored from a file the person did not preview.
 */
export interface Draft {
  sessionId: string;
  contractId: string;
  kind: SubmissionKind;
  fileName: string;
  /** `text/csv; charset=…` (the encoding settled by the preview) or the XLSX type. */
  contentType: string;
  /** The locale tag chosen ('' = the contract's, or the standard writing). */
  locale: string;
  bytes: Uint8Array;
  /** Whether the encoding was detected (the file is not UTF-8) rather than chosen. */
  charsetDetected: boolean;
  /** What the preview found: how the file reads, or why it cannot be read (the API's problem). */
  preview?: MeasurementPreview | undefined;
  failure?: { message: string; errors: FieldProblem[]; totalErrors?: number | undefined } | undefined;
  at: number;
}

export const DRAFT_TTL_MS = 30 * 60 * 1000;
const TOTAL_LIMIT = 256 * 1024 * 1024;

const drafts = new Map<string, Draft>();

function sweep(now: number) {
  for (const [id, d] of drafts) if (now - d.at > DRAFT_TTL_MS) drafts.delete(id);
  let total = 0;
  for (const d of drafts.values()) total += d.bytes.byteLength;
  for (const [id, d] of drafts) {
    if (total <= TOTAL_LIMIT) break;
    drafts.delete(id);
    total -= d.bytes.byteLength;
  }
}

export function keepDraft(draft: Omit<Draft, 'at'>, now = Date.now()): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  const id = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  drafts.set(id, { ...draft, at: now });
  sweep(now);
  return id;
}

/** The draft `id` of this session and contract, if still kept. */
export function draftOf(id: string, sessionId: string, contractId: string, now = Date.now()): Draft | undefined {
  sweep(now);
  const d = drafts.get(id);
  if (!d || d.sessionId !== sessionId || d.contractId !== contractId) return undefined;
  return d;
}

