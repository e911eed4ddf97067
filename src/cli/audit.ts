import type { Kysely } from 'kysely';
import { chains, PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { verifyAuditChain } from '../db/queries/audit-verify.ts';
import { reportAuditVerificationFailure } from '../usecases/webhooks.ts';
import type { Database } from '../db/schema.ts';
import { parseReceipt } from '../domain/audit/receipt.ts';

export interface AuditVerifyOptions {
  /** One chain: a contract id, or `platform`. Without it (and without a receipt), every chain. */
  contract?: string;
  deep?: boolean;
  /**
   * An audit receipt (`Audit-Receipt` header: `<chain>:<seq>:<entryHash>`, or `<seq>:<entryHash>`
   * for the chain of `contract`, else the platform chain) to prove still in its chain.
   */
  receipt?: string;
}

/**
 * `cli audit verify`: verifies the audit trail's chains (see db/queries/audit-verify.ts) and prints
 * one line per chain, then what is wrong with it. Exit code 0 when every chain verifies, 1 if any
 * does not (or the receipt is not in its chain), 2 for a malformed receipt.
 */
export async function auditVerify(db: Kysely<Database>, options: AuditVerifyOptions, out: (line: string) => void): Promise<number> {
  const receipt = options.receipt === undefined ? undefined : parseReceipt(options.receipt);
  if (receipt === null) {
    out(`--receipt: "${options.receipt}" is not an audit receipt (<chain>:<seq>:<entryHash> or <seq>:<entryHash>)`);
    return 2;
  }
  const selected = options.contract ?? (receipt ? receipt.chain ?? PLATFORM_CHAIN : undefined);
  let failures = 0;
  for (const chain of selected !== undefined ? [selected] : await chains(db)) {
    const report = await verifyAuditChain(db, chain, { deep: options.deep, ...(receipt ? { receipt } : {}) });
    await reportAuditVerificationFailure(db, () => new Date(), report);
    const receiptNote = report.receipt ? `, receipt ${report.receipt.seq} in the chain` : '';
    if (report.ok) {
      out(`✓ ${chain}: ${report.links.entries} entries, ${report.states.checked} states checked` +
        `${report.states.unverifiable ? ` (${report.states.unverifiable} unverifiable)` : ''}` +
        `${report.evaluations ? `, ${report.evaluations.checked} evaluations re-read` : ''}${receiptNote}`);
      continue;
    }
    failures++;
    out(`✗ ${chain}: ${report.firstProblem}`);
    if (!report.links.ok) out(`    first broken link: entry ${report.links.brokenAt.seq}: ${report.links.brokenAt.reason}`);
    if (report.receipt && !report.receipt.inChain) out(`    receipt ${report.receipt.seq}:${report.receipt.entryHash}: not in the chain: ${report.receipt.reason}`);
    for (const m of report.states.mismatches) out(`    entry ${m.seq}: ${m.reason}`);
    for (const m of report.evaluations?.mismatches ?? []) out(`    evaluation ${m.evaluationId}: ${m.reason}`);
  }
  return failures > 0 ? 1 : 0;
}
