import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { remote, remoteActiveContract } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { claimsCsvStream } from './claims-csv.ts';
import { benchDefinition } from './fixtures.ts';
import type { BenchContract, EvaluationFigures } from './types.ts';

const AS_OF = '2025-12-31';
/** Every bench claim is achieved in 2024: the day after AS_OF evaluates the same claims. */
const NEXT_AS_OF = '2026-01-01';

/**
 * Uploads and validates `rows` claims (unless given a contract that has them), then times two
 * evaluations through the API. The first reads pages the review has just written (PostgreSQL sets
 * their hint bits on that first read): it is reported as the first evaluation after the review. The
 * second, one day later (a new cut-off, so the same claims are evaluated again in full, not found
 * unchanged), reads them as any later evaluation does, and as the hand-written SQL, which is run
 * once before it is timed, does: it is the figure compared with the SQL.
 */
export async function evaluationBench(server: ServerProcess, admin: string, rows: number, existing?: BenchContract): Promise<EvaluationFigures> {
  const contract = existing ?? (await remoteActiveContract(server.url, admin, benchDefinition(`BENCH-EVALUATION-${rows}`)) as BenchContract);
  if (!existing) await remote(server.url, contract.members.operator!.key).postCsv(`/v1/contracts/${contract.contractId}/claims`, claimsCsvStream(rows));
  let started = performance.now();
  await remote(server.url, contract.members.evaluator!.key).post(`/v1/contracts/${contract.contractId}/claims/reviews`, { decision: 'validated', filter: {} });
  const reviewSeconds = (performance.now() - started) / 1000;
  const timedEvaluation = async (asOf: string) => {
    const begun = performance.now();
    const run = await remote(server.url, contract.members.payer!.key).post(`/v1/contracts/${contract.contractId}/evaluations`, { asOf });
    return { seconds: (performance.now() - begun) / 1000, total: run.evaluation.totals.entitled as string };
  };
  const first = await timedEvaluation(AS_OF);
  const { seconds, total } = await timedEvaluation(NEXT_AS_OF);
  if (total !== first.total) throw new Error(`the evaluations of ${AS_OF} and ${NEXT_AS_OF} differ: ${first.total} vs ${total}`);
  return {
    rows,
    contract,
    reviewSeconds: Math.round(reviewSeconds * 100) / 100,
    firstSeconds: Math.round(first.seconds * 1000) / 1000,
    engine: { seconds: Math.round(seconds * 1000) / 1000, total, microsPerRow: Math.round((seconds * 1e6) / rows * 100) / 100 },
  };
}

/**
 * The same total by hand, in SQL: each participant's first validated entry to employment pays
 * £2,600, a validated sustained-employment claim on or after it £1,000, and the participant's
 * total is capped at £3,000.
 */
const HAND_SQL = (contractId: string) => sql<{ total: string }>`
  with v as (
    select c.participant_ref, c.metric, c.achieved_on
    from participant_claim c join measurement_review r on r.claim_id = c.id and r.decision = 'validated'
    where c.contract_id = ${contractId} and c.achieved_on <= ${AS_OF}
      and not exists (select 1 from participant_claim n where n.supersedes_id = c.id)),
  entry as (select participant_ref, min(achieved_on) as first_entry from v where metric = 'job_entry' group by participant_ref),
  sustained as (
    select distinct v.participant_ref from v join entry e using (participant_ref)
    where v.metric = 'job_sustained' and v.achieved_on >= e.first_entry)
  select coalesce(sum(least(2600 + case when s.participant_ref is null then 0 else 1000 end, 3000)), 0)::numeric(20,2)::text as total
  from entry e left join sustained s using (participant_ref)`;

export async function handSql(database: DatabaseHandle, contractId: string): Promise<{ seconds: number; total: string }> {
  // Fresh planner statistics, as the service itself refreshes them after large uploads and reviews.
  for (const table of ['participant_claim', 'measurement_review', 'submission']) await sql`analyze ${sql.table(table)}`.execute(database.db);
  await HAND_SQL(contractId).execute(database.db); // warm
  const started = performance.now();
  const { rows } = await HAND_SQL(contractId).execute(database.db);
  return { seconds: Math.round((performance.now() - started)) / 1000, total: rows[0]!.total };
}
