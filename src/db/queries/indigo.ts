import { type Kysely, sql } from 'kysely';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import type { IndigoProjectInput } from '../../domain/indigo/input.ts';
import type { Contract, Database } from '../schema.ts';
import { versionsOf } from './contracts.ts';
import { distributionsOf, drawdownsOf, obligationsOf, settlementsOf } from './money.ts';
import { validatedClaimCounts } from './status.ts';

/** Gathers what the INDIGO export needs for one contract (terms in force, or the latest version of a draft). */
export async function indigoInput(db: Kysely<Database>, contract: Contract, generatedAt: Date): Promise<IndigoProjectInput> {
  const versions = await versionsOf(db, contract.id);
  const terms = versions.find((v) => v.status === 'in_force') ?? versions[versions.length - 1]!;
  const definition = terms.definition as ContractDefinition;
  const bindings = terms.party_organisations;
  const organisations = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', Object.values(bindings)).execute();
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  const obligations = await obligationsOf(db, contract.id);
  const byObligation = new Map(obligations.map((o) => [o.id, o]));
  const settlements = await settlementsOf(db, contract.id);
  const drawdowns = await drawdownsOf(db, contract.id);
  const distributions = await distributionsOf(db, contract.id);
  // Validated results (by review, or by an upheld dispute), and rejected ones under an open dispute (INDIGO's DISPUTED).
  const results = await sql<{ id: string; metric: string; cohort: string | null; period: string | null; measured_on: string; treatment_value: string; comparison_value: string | null; treatment_sample_size: number | null; disputed: boolean }>`
    select a.id, a.metric, a.cohort, a.period, a.measured_on, a.treatment_value, a.comparison_value, a.treatment_sample_size,
           r.decision = 'rejected' and coalesce(d.state, '') = 'open' as disputed
    from aggregate_result a join measurement_review r on r.result_id = a.id
      left join dispute d on d.result_id = a.id
    where a.contract_id = ${contract.id} and not exists (select 1 from aggregate_result n where n.supersedes_id = a.id)
      and (r.decision = 'validated' or d.state in ('upheld', 'open'))
    order by a.measured_on, a.id`.execute(db);
  const claimSummary = await validatedClaimCounts(db, contract.id);
  return {
    projectId: contract.id,
    reference: contract.reference,
    title: contract.title,
    status: contract.status,
    definition,
    parties: definition.parties.map((p) => ({ partyKey: p.key, organisationId: bindings[p.key]!, organisationName: nameOf.get(bindings[p.key]!) ?? p.name, roles: p.roles })),
    activatedAt: contract.activated_at?.toISOString() ?? null,
    terminatedOn: contract.terminated_on,
    terminationReason: contract.termination_reason,
    amendments: versions.filter((v) => v.kind === 'amendment' && v.in_force_at).map((v) => ({ number: v.number, description: v.description, reason: v.reason, inForceAt: v.in_force_at!.toISOString() })),
    obligations: obligations.map((o) => ({ id: o.id, ruleKey: o.rule_key, scope: o.scope, payerParty: o.payer_party, recipientParty: o.recipient_party, amount: o.amount, currency: o.currency, dueOn: o.due_on, createdAt: o.created_at.toISOString() })),
    settlements: settlements.map((s) => {
      const o = byObligation.get(s.obligation_id)!;
      return { id: s.id, obligationId: s.obligation_id, payerParty: o.payer_party, recipientParty: o.recipient_party, amount: s.amount, settledOn: s.settled_on, reference: s.reference };
    }),
    drawdowns: drawdowns.map((d) => ({ id: d.id, investorParty: d.investor_party, tranche: d.tranche, drawnOn: d.drawn_on, amount: d.amount })),
    distributions: distributions.map((d) => ({ id: d.id, settlementId: d.settlement_id, recipientParty: d.recipient_party, role: d.role, amount: d.amount, date: d.distributed_on })),
    results: results.rows.map((r) => ({ id: r.id, metric: r.metric, cohort: r.cohort, period: r.period, measuredOn: r.measured_on, treatmentValue: r.treatment_value, comparisonValue: r.comparison_value, treatmentSampleSize: r.treatment_sample_size, ...(r.disputed && { disputed: true }) })),
    claimSummary,
    generatedAt: generatedAt.toISOString(),
  };
}
