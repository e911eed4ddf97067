import type { Kysely } from 'kysely';
import { contractSummaries } from '../../api/contracts/contracts.views.ts';
import { nextEvaluation } from '../../api/status/status-cache.ts';
import { termsInForce } from '../../db/queries/contracts.ts';
import type { Contract, Database } from '../../db/schema.ts';

/**
 * What is due next on a contract, for the home page, from what the API already tells: a proposed
 * version still awaiting this organisation's approval (GET /v1/contracts' `pendingVersion.approvals.missing`),
 * else, for a contract in force, its next scheduled evaluation (GET /v1/contracts/{id}/status'
 * `nextEvaluation`, from the contract's own schedule and time zone).
 */
export type NextDue =
  | { kind: 'approval'; version: number }
  | { kind: 'evaluation'; on: string; timeZone: string };

export async function nextDueByContract(db: Kysely<Database>, contracts: readonly Contract[], organisationId: string, now: Date): Promise<Map<string, NextDue>> {
  const out = new Map<string, NextDue>();
  const summaries = await contractSummaries(db, contracts, () => []);
  for (const summary of summaries) {
    const pending = summary.pendingVersion;
    if (pending && pending.approvals.missing.includes(organisationId)) {
      out.set(summary.id, { kind: 'approval', version: pending.number });
      continue;
    }
    if (summary.status !== 'active') continue;
    const terms = await termsInForce(db, summary.id);
    if (!terms) continue;
    const { schedule, timeZone } = terms.definition.evaluation;
    out.set(summary.id, { kind: 'evaluation', on: nextEvaluation(summary.id, schedule, timeZone, now), timeZone });
  }
  return out;
}
