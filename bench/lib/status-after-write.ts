import type { Kysely } from 'kysely';
import { recomputedClaimCounts } from '../../src/db/queries/claim-tallies.ts';
import { loadLedger, loadLedgers, validatedClaimCounts } from '../../src/db/queries/status.ts';
import type { Database } from '../../src/db/schema.ts';
import { liabilitiesOf, portfolioOf } from '../../src/api/status/status.handlers.ts';
import { contractsWithRole } from '../../src/db/queries/status.ts';
import { remote, type RemoteMembers } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { claimLine } from './claims-csv.ts';
import type { BenchContract } from './types.ts';

/**
 * Issue 19, "status without recomputation": the first status read after a 1,000-row upload (990
 * new claims, 10 corrections of validated claims) into the ingest contract, whose claims are
 * validated; and portfolio / liabilities over the sweep's contracts. Over HTTP, server running.
 */
export async function statusAfterWrite(server: ServerProcess, contract: BenchContract, rows: number, sweepKeys?: RemoteMembers) {
  const id = contract.contractId;
  const investor = remote(server.url, contract.members.investor!.key);
  const timed = async <T>(f: () => Promise<T>) => {
    const started = performance.now();
    const value = await f();
    return { value, ms: Math.round(performance.now() - started) };
  };
  await investor.get(`/v1/contracts/${id}/status`); // the view computed, as the page and api steps leave it
  const { items } = await remote(server.url, contract.members.evaluator!.key).get(`/v1/contracts/${id}/claims?status=validated&limit=10`) as { items: { id: string; participantRef: string }[] };
  const csv = ['participant_ref,outcome,cohort,achieved_on,held_from,evidence,supersedes']
    .concat(Array.from({ length: 990 }, (_, k) => `${claimLine(rows + k, Math.max(1, Math.floor(rows / 10))).trimEnd()},`))
    .concat(items.map((c, k) => `${c.participantRef},job_entry,cohort_1,2024-01-01,,bench-fix-${k},${c.id}`))
    .join('\n');
  const upload = await timed(() => remote(server.url, contract.members.operator!.key).postCsv(`/v1/contracts/${id}/claims`, `${csv}\n`));
  const first = await timed(() => investor.get(`/v1/contracts/${id}/status`));
  const figures: StatusAfterWrite = { uploadRows: 1000, corrections: items.length, uploadMs: upload.ms, firstStatusMs: first.ms };
  if (sweepKeys) {
    const portfolio = await timed(() => remote(server.url, sweepKeys.investor!.key).get('/v1/portfolio') as Promise<{ contracts: unknown[] }>);
    const liabilities = await timed(() => remote(server.url, sweepKeys.payer!.key).get('/v1/liabilities') as Promise<{ contracts: unknown[] }>);
    figures.portfolio = { contracts: portfolio.value.contracts.length, ms: portfolio.ms };
    figures.liabilities = { contracts: liabilities.value.contracts.length, ms: liabilities.ms };
  }
  return figures;
}

export interface StatusAfterWrite {
  uploadRows: number;
  corrections: number;
  uploadMs: number;
  firstStatusMs: number;
  /** In-process, server stopped: the claim counts from the tallies vs the full recomputation the view ran before (ms), and whether they agree. */
  counts?: { talliesMs: number; recomputedMs: number; ledgerMs: number; equal: boolean };
  portfolio?: { contracts: number; ms: number };
  liabilities?: { contracts: number; ms: number };
  /** In-process: the ledgers of the sweep's contracts loaded one contract at a time (as before) vs in one batch (ms). */
  ledgers?: { contracts: number; oneByOneMs: number; batchedMs: number };
  /** In-process: portfolio and liabilities without HTTP, and the part of each spent listing the contracts (definitions included) (ms). */
  inProcess?: { portfolioMs: number; liabilitiesMs: number; listingMs: number };
}

/** The baselines, in-process once the server is stopped (PGlite has one process per data folder). */
export async function statusBaselines(db: Kysely<Database>, figures: StatusAfterWrite, contractId: string, sweepIds?: string[], sweepKeys?: RemoteMembers) {
  const timed = async <T>(f: () => Promise<T>) => {
    const started = performance.now();
    const value = await f();
    return { value, ms: Math.round(performance.now() - started) };
  };
  const recomputed = await timed(() => recomputedClaimCounts(db, contractId));
  const tallied = await timed(() => validatedClaimCounts(db, contractId));
  const ledger = await timed(() => loadLedger(db, contractId));
  figures.counts = { talliesMs: tallied.ms, recomputedMs: recomputed.ms, ledgerMs: ledger.ms, equal: JSON.stringify(recomputed.value) === JSON.stringify(tallied.value) };
  if (sweepIds?.length) {
    const oneByOne = await timed(async () => {
      for (const id of sweepIds) await loadLedger(db, id);
    });
    const batched = await timed(() => loadLedgers(db, sweepIds));
    figures.ledgers = { contracts: sweepIds.length, oneByOneMs: oneByOne.ms, batchedMs: batched.ms };
  }
  if (sweepKeys) {
    const now = new Date();
    const portfolio = await timed(() => portfolioOf(db, sweepKeys.investor!.id, now));
    const liabilities = await timed(() => liabilitiesOf(db, sweepKeys.payer!.id, now));
    const listing = await timed(() => contractsWithRole(db, sweepKeys.investor!.id, 'investor'));
    figures.inProcess = { portfolioMs: portfolio.ms, liabilitiesMs: liabilities.ms, listingMs: listing.ms };
  }
}
