import type { Kysely } from 'kysely';
import { type ChainVerification, verifyChain } from '../../domain/audit/chain.ts';
import type { Receipt } from '../../domain/audit/receipt.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import type { AuditEntry, Database } from '../schema.ts';
import { chainEntries, toFields } from './audit.ts';
import { loadEntityState } from './entity-states.ts';
import { loadEvaluationData } from './evaluations.ts';

/**
 * Verifies a chain of the audit trail:
 * - links: every entry's hash and its link to the one before (see domain/audit/chain.ts);
 * - states: for every entity the chain speaks of, its rows as they are now (loadEntityState, the
 *   same definition the writers record) against the state digest of the LATEST entry about it —
 *   earlier entries describe earlier states. A row changed or deleted behind the database's back
 *   (triggers disabled by its owner) no longer matches. Entities whose kind is not recorded by
 *   state, or whose entries predate it (ids that are not uuids), are counted as unverifiable;
 * - receipt (optional): the entry a write's receipt names is still in the chain with that hash,
 *   and the chain links from it up to the head — a chain cut short still links, but loses the
 *   receipts of its removed entries;
 * - with `deep`, every evaluation's data digest against the data re-read at its ledger sequence
 *   number (a changed outcome record no longer matches).
 * `firstProblem` names the first discrepancy in a sentence (null when `ok`).
 */
export interface StateMismatch {
  /** The latest entry about the entity, whose recorded state no longer matches. */
  seq: number;
  entityType: string;
  entityId: string;
  reason: string;
}

export interface ReceiptVerification {
  seq: number;
  entryHash: string;
  inChain: boolean;
  reason: string;
}

export interface AuditVerification {
  chain: string;
  links: ChainVerification;
  states: { checked: number; unverifiable: number; mismatches: StateMismatch[] };
  evaluations?: { checked: number; mismatches: { evaluationId: string; reason: string }[] };
  receipt?: ReceiptVerification;
  firstProblem: string | null;
  ok: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The latest entry about each entity of the chain, in sequence order. */
function latestPerEntity(entries: readonly AuditEntry[]): AuditEntry[] {
  const latest = new Map<string, AuditEntry>();
  for (const e of entries) {
    const key = `${e.entity_type}\u0000${e.entity_id}`;
    const seen = latest.get(key);
    if (!seen || seen.seq < e.seq) latest.set(key, e);
  }
  return [...latest.values()].sort((a, b) => a.seq - b.seq);
}

async function verifyStates(db: Kysely<Database>, entries: readonly AuditEntry[]): Promise<AuditVerification['states']> {
  const mismatches: StateMismatch[] = [];
  let checked = 0;
  let unverifiable = 0;
  for (const e of latestPerEntity(entries)) {
    const state = await loadEntityState(db, e.entity_type, e.entity_id);
    if (state === undefined) {
      unverifiable++;
      continue;
    }
    checked++;
    const at = { seq: e.seq, entityType: e.entity_type, entityId: e.entity_id };
    if (state === null) {
      mismatches.push({ ...at, reason: `the ${e.entity_type} ${e.entity_id} no longer exists, although entry ${e.seq} (${e.action}) recorded its state` });
      continue;
    }
    const digest = await contentDigest(state);
    if (digest !== e.state_digest) {
      mismatches.push({
        ...at,
        reason: `the ${e.entity_type} ${e.entity_id} now hashes to ${digest}, not to the ${e.state_digest} that entry ${e.seq} (${e.action}) recorded: it was changed outside the service`,
      });
    }
  }
  return { checked, unverifiable, mismatches };
}

function verifyReceipt(chain: string, entries: readonly AuditEntry[], links: ChainVerification, receipt: Receipt): ReceiptVerification {
  const answer = (inChain: boolean, reason: string): ReceiptVerification => ({ seq: receipt.seq, entryHash: receipt.entryHash, inChain, reason });
  if (receipt.chain !== undefined && receipt.chain !== chain) return answer(false, `the receipt is for chain ${receipt.chain}, not ${chain}`);
  const last = entries.length > 0 ? entries[entries.length - 1]!.seq : 0;
  const entry = entries.find((e) => e.seq === receipt.seq);
  if (!entry) {
    return answer(false, receipt.seq > last
      ? `the chain ends at entry ${last}: entry ${receipt.seq} of the receipt is gone (entries removed from the end of the chain)`
      : `the chain has no entry ${receipt.seq}`);
  }
  if (entry.entry_hash !== receipt.entryHash) {
    return answer(false, `entry ${receipt.seq} of the chain hashes to ${entry.entry_hash}, not to the receipt's ${receipt.entryHash}: the chain was rewritten from there`);
  }
  if (!links.ok) {
    return answer(false, `entry ${receipt.seq} carries the receipt's hash, but the chain is broken at entry ${links.brokenAt.seq}, so it no longer proves it`);
  }
  return answer(true, `entry ${receipt.seq} carries the receipt's hash and the chain links from it to its head (entry ${last})`);
}

async function verifyEvaluations(db: Kysely<Database>, chain: string): Promise<NonNullable<AuditVerification['evaluations']>> {
  // Only contract chains hold evaluations (the platform chain's name is not a contract id).
  if (!UUID.test(chain)) return { checked: 0, mismatches: [] };
  const evaluations = await db
    .selectFrom('evaluation as e')
    .innerJoin('contract_version as v', 'v.id', 'e.version_id')
    .select(['e.id', 'e.as_of', 'e.ledger_seq', 'e.data_digest', 'e.prior_obligations_digest', 'v.content_hash'])
    .where('e.contract_id', '=', chain)
    .orderBy('e.ledger_seq')
    .execute();
  const mismatches: { evaluationId: string; reason: string }[] = [];
  for (const e of evaluations) {
    const data = await loadEvaluationData(db, { contractId: chain, asOf: e.as_of, sequence: e.ledger_seq, versionHash: e.content_hash });
    if (data.digest !== e.data_digest) mismatches.push({ evaluationId: e.id, reason: `its data now hashes to ${data.digest}, not ${e.data_digest}` });
    else if (data.priorObligationsDigest !== e.prior_obligations_digest) {
      mismatches.push({ evaluationId: e.id, reason: `the obligations before it now hash to ${data.priorObligationsDigest}, not ${e.prior_obligations_digest}` });
    }
  }
  return { checked: evaluations.length, mismatches };
}

function firstProblemOf(v: Omit<AuditVerification, 'firstProblem' | 'ok'>): string | null {
  if (!v.links.ok) return `The chain is broken at entry ${v.links.brokenAt.seq}: ${v.links.brokenAt.reason}.`;
  if (v.receipt && !v.receipt.inChain) return `The receipt for entry ${v.receipt.seq} (${v.receipt.entryHash}) is not in the chain: ${v.receipt.reason}.`;
  const state = v.states.mismatches[0];
  if (state) return `Entry ${state.seq}: ${state.reason}.`;
  const evaluation = v.evaluations?.mismatches[0];
  if (evaluation) return `Evaluation ${evaluation.evaluationId}: ${evaluation.reason}.`;
  return null;
}

export async function verifyAuditChain(
  db: Kysely<Database>,
  chain: string,
  options: { deep?: boolean; receipt?: Receipt } = {},
): Promise<AuditVerification> {
  const entries = await chainEntries(db, chain);
  const links = await verifyChain(entries.map(toFields));
  const states = await verifyStates(db, entries);
  const parts: Omit<AuditVerification, 'firstProblem' | 'ok'> = { chain, links, states };
  if (options.receipt) parts.receipt = verifyReceipt(chain, entries, links, options.receipt);
  if (options.deep) parts.evaluations = await verifyEvaluations(db, chain);
  const firstProblem = firstProblemOf(parts);
  return { ...parts, firstProblem, ok: firstProblem === null };
}
