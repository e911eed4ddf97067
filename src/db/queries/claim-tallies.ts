import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Claim tallies (migration 0016): per contract, outcome and cohort, the validated current claims
 * and the distinct participants among them, kept current in the transaction of every write that
 * changes which claims count. A claim counts when reviewed 'validated' or rejected with an upheld
 * dispute, and not superseded by a correction. The writes that change that:
 *  - a review batch validating claims (+1 per claim, if still current);
 *  - a dispute upheld on a claim rejected (+1, if still current);
 *  - a correction superseding a claim that counted (-1).
 * Each write names its candidate claims (SQL selecting `claim_id`, parameters $1 = contract, $2 =
 * the write's id). Under the contract lock every such write already holds (share mode), the
 * tally rows of the candidates' (outcome, cohort) are locked in order, then — in a new statement,
 * so it sees every write that held them before — the change per claim is worked out, the
 * (participant, outcome, cohort) groups it touches are recounted (by index: originals by
 * participant_claim_original, corrections by participant_claim_corrections), and the tally rows
 * move by the difference. Distinct participants stay exact: a group counts one participant when
 * it has at least one counted claim, before (recount less the change) and after (recount).
 */

/** Runs one parameterised SQL statement; the bulk session (uploads) and Kysely transactions both provide one. */
export type RunSql = (text: string, params: unknown[]) => Promise<unknown[]>;

export function kyselyRunner(db: Db): RunSql {
  return async (text, params) => (await db.executeQuery(CompiledQuery.raw(text, params))).rows as unknown[];
}

const QUALIFIES = (c: string) => `exists (select 1 from measurement_review r where r.claim_id = ${c}.id
  and (r.decision = 'validated' or exists (select 1 from dispute d where d.claim_id = ${c}.id and d.state = 'upheld')))`;
const CURRENT = (c: string) => `not exists (select 1 from participant_claim s where s.supersedes_id = ${c}.id)`;
const COUNTED = (c: string) => `(${QUALIFIES(c)} and ${CURRENT(c)})`;

/**
 * The change (claims that count now less before) each kind of write makes to a candidate claim `c`:
 * `sign` for the candidates `where` keeps, 0 for the others. Conditions in WHERE, not in the select
 * list, so the database joins (hash semi- and anti-joins over large batches) instead of probing per row.
 */
const CHANGE = {
  // A claim just reviewed had no review, hence no dispute, before: it did not count.
  review: { where: COUNTED('c'), sign: 1 },
  // Upheld: it counts now if current; it counted before if also reviewed 'validated'.
  upheld: { where: `${CURRENT('c')} and not exists (select 1 from measurement_review r where r.claim_id = c.id and r.decision = 'validated')`, sign: 1 },
  // Superseded just now (a claim is corrected once): it counted before if it qualified.
  superseded: { where: QUALIFIES('c'), sign: -1 },
} as const;

/** From `fullRecountFrom` candidate claims, a write recounts its outcomes and cohorts in one pass over the contract's claims (tests lower it). */
export const tallySettings = { fullRecountFrom: 20_000 };

async function applyChanges(run: RunSql, contractId: string, writeId: string, candidates: string, change: keyof typeof CHANGE): Promise<void> {
  const pairs = (await run(
    `select c.metric, c.cohort, count(*)::int as n from (${candidates}) k join participant_claim c on c.id = k.claim_id and c.contract_id = $1
     group by 1, 2 order by 1, 2`,
    [contractId, writeId],
  )) as { metric: string; cohort: string; n: number }[];
  if (pairs.length === 0) return;
  const metrics = pairs.map((p) => p.metric);
  const cohorts = pairs.map((p) => p.cohort);
  await run(
    `insert into claim_tally (contract_id, metric, cohort, validated, participants)
     select $1, m, h, 0, 0 from unnest($2::text[], $3::text[]) as p(m, h) order by m, h on conflict do nothing`,
    [contractId, metrics, cohorts],
  );
  await run(
    `select 1 from claim_tally t join unnest($2::text[], $3::text[]) as p(m, h) on t.metric = p.m and t.cohort = p.h
     where t.contract_id = $1 order by t.metric, t.cohort for update of t`,
    [contractId, metrics, cohorts],
  );
  if (pairs.reduce((sum, p) => sum + p.n, 0) >= tallySettings.fullRecountFrom) {
    // A batch of that size (a review of a whole upload) costs as much as the recount of its outcomes
    // and cohorts from every claim of the contract, in one pass, whatever the planner knows.
    await run(
      `with fresh as (
         select metric, cohort, sum(claims) as validated, count(*) as participants
         from (
           select c.metric, c.cohort, c.participant_ref, count(*) as claims
           from participant_claim c join unnest($2::text[], $3::text[]) as p(m, h) on c.metric = p.m and c.cohort = p.h
           where c.contract_id = $1 and ${COUNTED('c')}
           group by c.metric, c.cohort, c.participant_ref
         ) per_participant
         group by metric, cohort
       )
       update claim_tally t set validated = coalesce(f.validated, 0), participants = coalesce(f.participants, 0)
       from unnest($2::text[], $3::text[]) as p(m, h) left join fresh f on f.metric = p.m and f.cohort = p.h
       where t.contract_id = $1 and t.metric = p.m and t.cohort = p.h`,
      [contractId, metrics, cohorts],
    );
    return;
  }
  await run(
    `with moved as (
       select c.participant_ref, c.metric, c.cohort, ${CHANGE[change].sign} * count(*) as n
       from (${candidates}) k join participant_claim c on c.id = k.claim_id and c.contract_id = $1
       where ${CHANGE[change].where}
       group by c.participant_ref, c.metric, c.cohort
     ),
     -- Each group recounted by index lookups (correlated, so no estimate can turn them into scans).
     recounted as (
       select g.metric, g.cohort, g.n,
         (select count(*) from participant_claim x where x.contract_id = $1 and x.supersedes_id is null
            and x.participant_ref = g.participant_ref and x.metric = g.metric and x.cohort = g.cohort and ${COUNTED('x')})
         + (select count(*) from participant_claim x where x.contract_id = $1 and x.supersedes_id is not null
            and x.participant_ref = g.participant_ref and x.metric = g.metric and x.cohort = g.cohort and ${COUNTED('x')}) as now
       from moved g
     ),
     delta as (
       select metric, cohort, sum(n) as claims, sum((now > 0)::int - ((now - n) > 0)::int) as participants
       from recounted group by metric, cohort
     )
     update claim_tally t set validated = t.validated + d.claims, participants = t.participants + d.participants
     from delta d where t.contract_id = $1 and t.metric = d.metric and t.cohort = d.cohort`,
    [contractId, writeId],
  );
}

/** After a review batch (`batchId`) inserted its reviews: the claims it validated count. */
export async function tallyReviewBatch(run: RunSql, contractId: string, batchId: string): Promise<void> {
  await applyChanges(run, contractId, batchId, `select claim_id from measurement_review where batch_id = $2 and claim_id is not null and decision = 'validated'`, 'review');
}

/** After a dispute on claim `claimId` was upheld. */
export async function tallyUpheldClaim(run: RunSql, contractId: string, claimId: string): Promise<void> {
  await applyChanges(run, contractId, claimId, `select $2::uuid as claim_id`, 'upheld');
}

/** After an upload (`submissionId`) stored its rows: the claims its corrections supersede stop counting. */
export async function tallyCorrections(run: RunSql, contractId: string, submissionId: string): Promise<void> {
  await applyChanges(
    run, contractId, submissionId,
    // By participant_claim_corrections: the contract's corrections only.
    `select supersedes_id as claim_id from participant_claim where contract_id = $1 and supersedes_id is not null and submission_id = $2`,
    'superseded',
  );
}

/** Counts per outcome and cohort as the status view reads them: a few rows. */
export async function tallies(db: Db, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  const { rows } = await sql<{ contract_id: string; metric: string; cohort: string; validated: number; participants: number }>`
    select contract_id, metric, cohort, validated::int as validated, participants::int as participants
    from claim_tally where contract_id = any(${contractIds as string[]}::uuid[]) and validated > 0
    order by contract_id, cohort, metric`.execute(db);
  return rows;
}

/**
 * The same counts recomputed from every claim of the contract (what the status view ran before
 * the tallies): for the tests comparing both, and for checking a contract's tallies.
 */
export async function recomputedClaimCounts(db: Db, contractId: string) {
  const { rows } = await sql<{ metric: string; cohort: string; validated: number; participants: number }>`
    select metric, cohort, sum(claims)::int as validated, count(*)::int as participants
    from (
      select c.metric, c.cohort, c.participant_ref, count(*) as claims
      from participant_claim c join measurement_review r on r.claim_id = c.id
        and (r.decision = 'validated' or exists (select 1 from dispute d where d.claim_id = c.id and d.state = 'upheld'))
      where c.contract_id = ${contractId} and not exists (select 1 from participant_claim n where n.supersedes_id = c.id)
      group by c.metric, c.cohort, c.participant_ref
    ) per_participant
    group by metric, cohort
    order by cohort, metric`.execute(db);
  return rows;
}
