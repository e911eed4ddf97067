import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { tallies } from './claim-tallies.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Everything the status view is computed from, for one contract. */
export async function loadLedger(db: Db, contractId: string) {
  return (await loadLedgers(db, [contractId])).get(contractId)!;
}

export type Ledger = Awaited<ReturnType<typeof loadLedgers>> extends Map<string, infer L> ? L : never;

function byContract<R extends { contract_id: string }>(rows: R[], ids: readonly string[]) {
  const out = new Map<string, Omit<R, 'contract_id'>[]>(ids.map((id) => [id, []]));
  for (const { contract_id, ...rest } of rows) out.get(contract_id)?.push(rest);
  return out;
}

/**
 * The same for many contracts at once (portfolio, liabilities): one query per kind of ledger row
 * over all of them, not one per contract (1,000 contracts: 7 queries instead of 7,000).
 */
export async function loadLedgers(db: Db, contractIds: readonly string[]) {
  const ids = [...new Set(contractIds)];
  const any = sql<string>`any(${ids}::uuid[])`;
  const [drawdowns, obligations, settlements, distributions, counts, latestResults, latestEvaluations] = ids.length === 0 ? [[], [], [], [], [], [], []] : [
    await db.selectFrom('drawdown').select(['contract_id', 'investor_party', 'investor_organisation_id', 'drawn_on', 'amount']).where('contract_id', '=', any).orderBy('drawn_on').execute(),
    // triggered_on: the cut-off date of the evaluation that recorded the obligation (settlements come after it).
    await db.selectFrom('obligation as o').innerJoin('evaluation as e', (j) => j.onRef('e.id', '=', 'o.evaluation_id').onRef('e.contract_id', '=', 'o.contract_id'))
      .select(['o.contract_id', 'o.id', 'o.line_key', 'o.rule_key', 'o.scope', 'o.payer_party', 'o.payer_organisation_id', 'o.recipient_party', 'o.amount', 'o.due_on', 'e.as_of as triggered_on'])
      .where('o.contract_id', '=', any).orderBy('o.id').execute(),
    await db.selectFrom('settlement').select(['contract_id', 'obligation_id', 'amount', 'settled_on']).where('contract_id', '=', any).orderBy('settled_on').execute(),
    await db.selectFrom('distribution').select(['contract_id', 'recipient_party', 'recipient_organisation_id', 'role', 'amount', 'distributed_on']).where('contract_id', '=', any).orderBy('distributed_on').orderBy('id').execute(),
    await tallies(db, ids),
    (await sql<{ contract_id: string; metric: string; cohort: string | null; period: string | null; measured_on: string; treatment_value: string; comparison_value: string | null }>`
      select distinct on (a.contract_id, a.metric, coalesce(a.cohort, ''), coalesce(a.period, ''))
        a.contract_id, a.metric, a.cohort, a.period, a.measured_on, a.treatment_value, a.comparison_value
      from aggregate_result a join measurement_review r on r.result_id = a.id
        and (r.decision = 'validated' or exists (select 1 from dispute d where d.result_id = a.id and d.state = 'upheld'))
      where a.contract_id = any(${ids}::uuid[]) and not exists (select 1 from aggregate_result n where n.supersedes_id = a.id)
      order by a.contract_id, a.metric, coalesce(a.cohort, ''), coalesce(a.period, ''), a.measured_on desc, a.id desc`.execute(db)).rows,
    await db.selectFrom('evaluation').select(['contract_id', 'id', 'as_of', 'created_at', sql<unknown>`result->'totals'`.as('totals')])
      .distinctOn('contract_id').where('contract_id', '=', any).orderBy('contract_id').orderBy('id', 'desc').execute(),
  ];
  const d = byContract(drawdowns, ids);
  const o = byContract(obligations, ids);
  const s = byContract(settlements, ids);
  const x = byContract(distributions, ids);
  const c = byContract(counts, ids);
  const r = byContract(latestResults, ids);
  const e = new Map(latestEvaluations.map(({ contract_id, ...rest }) => [contract_id, rest]));
  return new Map(ids.map((id) => [id, {
    drawdowns: d.get(id)!, obligations: o.get(id)!, settlements: s.get(id)!, distributions: x.get(id)!,
    claimCounts: c.get(id)!, latestResults: r.get(id)!, latestEvaluation: e.get(id),
  }]));
}

/** Contracts where the organisation holds `role` in the version in force. */
export async function contractsWithRole(db: Db, organisationId: string, role: string) {
  return db
    .selectFrom('contract as c')
    .innerJoin('contract_version as v', (j) => j.onRef('v.contract_id', '=', 'c.id').on('v.status', '=', 'in_force'))
    .innerJoin('contract_party as p', (j) => j.onRef('p.version_id', '=', 'v.id'))
    .select(['c.id', 'c.reference', 'c.title', 'c.status', 'c.currency', 'v.definition', 'v.party_organisations', 'v.content_hash', 'p.party_key'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.role', '=', role)
    .orderBy('c.id')
    .execute();
}

/**
 * Validated, current claims per outcome and cohort, with the participants who achieved each: read
 * from the contract's claim tallies (migration 0016, kept current by every write that changes them;
 * the full recomputation is `recomputedClaimCounts` in claim-tallies.ts).
 */
export async function validatedClaimCounts(db: Db, contractId: string) {
  return (await tallies(db, [contractId])).map(({ metric, cohort, validated, participants }) => ({ metric, cohort, validated, participants }));
}
