import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { remote, remoteActiveContract } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { claimsCsvStream } from './claims-csv.ts';
import { benchDefinition } from './fixtures.ts';
import type { BenchContract, EvaluationFigures } from './types.ts';

const AS_OF = '2025-12-31';

/** Days after AS_OF (the claims are all of 2024, so each evaluation as of them has the same total). */
const LATER = ['2026-01-01', '2026-01-02', '2026-01-03'];

/**
 * Uploads and validates `rows` claims (unless given a contract that has them), then times
 * evaluations through the API: the first after the review (cold: it reads every row the review
 * just wrote), then three more as of later days, whose median is compared with the hand SQL, which
 * is timed the same way (a warm-up run, then the median of three). `warmRuns: 0` for the first alone.
 */
export async function evaluationBench(server: ServerProcess, admin: string, rows: number, existing?: BenchContract, warmRuns = LATER.length): Promise<EvaluationFigures> {
  const contract = existing ?? (await remoteActiveContract(server.url, admin, benchDefinition(`BENCH-EVALUATION-${rows}`)) as BenchContract);
  if (!existing) await remote(server.url, contract.members.operator!.key).postCsv(`/v1/contracts/${contract.contractId}/claims`, claimsCsvStream(rows));
  let started = performance.now();
  await remote(server.url, contract.members.evaluator!.key).post(`/v1/contracts/${contract.contractId}/claims/reviews`, { decision: 'validated', filter: {} });
  const reviewSeconds = (performance.now() - started) / 1000;
  const payer = remote(server.url, contract.members.payer!.key);
  const evaluation = async (asOf: string) => {
    const at = performance.now();
    const run = await payer.post(`/v1/contracts/${contract.contractId}/evaluations`, { asOf });
    return { seconds: (performance.now() - at) / 1000, total: run.evaluation.totals.entitled as string };
  };
  const first = await evaluation(AS_OF);
  const warm: { seconds: number; total: string }[] = [];
  for (const asOf of LATER.slice(0, warmRuns)) warm.push(await evaluation(asOf));
  const totals = new Set([first.total, ...warm.map((w) => w.total)]);
  if (totals.size !== 1) throw new Error(`evaluations of the same claims as of different days disagree: ${[...totals].join(', ')}`);
  const seconds = warm.length === 0 ? first.seconds : warm.map((w) => w.seconds).sort((a, b) => a - b)[Math.floor(warm.length / 2)]!;
  return {
    rows,
    contract,
    reviewSeconds: Math.round(reviewSeconds * 100) / 100,
    engine: {
      seconds: Math.round(seconds * 1000) / 1000,
      firstSeconds: Math.round(first.seconds * 1000) / 1000,
      total: first.total,
      microsPerRow: Math.round((seconds * 1e6) / rows * 100) / 100,
    },
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
  // The median of three runs: one run of it varied from 1.7 to 2.8 s between bench runs at a million claims on PostgreSQL.
  const runs: { seconds: number; total: string }[] = [];
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    const { rows } = await HAND_SQL(contractId).execute(database.db);
    runs.push({ seconds: Math.round((performance.now() - started)) / 1000, total: rows[0]!.total });
  }
  return runs.sort((a, b) => a.seconds - b.seconds)[1]!;
}
