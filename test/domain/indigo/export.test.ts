import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractDefinition, ContractDefinitionInput } from '../../../src/domain/contract/definition.ts';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import { dec, sum } from '../../../src/domain/money/money.ts';
import { toIndigoExport, toIndigoProject } from '../../../src/domain/indigo/export.ts';
import type { IndigoProjectInput } from '../../../src/domain/indigo/input.ts';
import {
  INDIGO_STANDARD, propertiesOutsideStandard, validateIndigoOrganisation, validateIndigoProject,
} from '../../../src/domain/indigo/standard.ts';
import type { IndigoProject } from '../../../src/domain/indigo/types.ts';

/** Valid against the standard (schema, codelists, references), nothing outside it, plain JSON. */
function expectValid(record: IndigoProject, organisationIds?: ReadonlySet<string>): void {
  expect(validateIndigoProject(record, organisationIds ? { organisationIds } : {})).toEqual([]);
  expect(propertiesOutsideStandard('project', record)).toEqual([]);
  // Plain JSON: no undefined members, no NaN, nothing lost in serialisation.
  expect(JSON.parse(JSON.stringify(record))).toStrictEqual(record);
}

const contractsDir = join(import.meta.dirname, '..', '..', '..', 'contracts');

function definitionFrom(raw: unknown): ContractDefinition {
  const result = validateDefinition(raw);
  if (!result.ok) throw new Error(`invalid definition: ${JSON.stringify(result.problems)}`);
  return result.definition;
}
const loadContract = (file: string): ContractDefinition =>
  definitionFrom(JSON.parse(readFileSync(join(contractsDir, file), 'utf8')));

const orgId = (key: string) => `XI-TEST-${key.replace(/_/g, '-')}`;

function inputFor(definition: ContractDefinition, extra: Partial<IndigoProjectInput> = {}): IndigoProjectInput {
  return {
    projectId: `ctr-${definition.reference.toLowerCase()}`,
    reference: definition.reference,
    title: definition.title,
    status: 'active',
    definition,
    parties: definition.parties.map((p) => ({ partyKey: p.key, organisationId: `uuid-${p.key}`, identifier: orgId(p.key), organisationName: p.name, roles: [...p.roles] })),
    activatedAt: `${definition.term.start}T10:00:00Z`,
    signedAt: `${definition.term.start}T10:00:00Z`,
    terminatedOn: null,
    terminationReason: null,
    amendments: [],
    obligations: [],
    settlements: [],
    drawdowns: [],
    distributions: [],
    results: [],
    claimSummary: [],
    generatedAt: '2016-01-15T12:00:00Z',
    ...extra,
  };
}

/** Drawdowns exactly as the definition plans its tranches. */
const plannedDrawdowns = (d: ContractDefinition): IndigoProjectInput['drawdowns'] =>
  d.investors.flatMap((inv) =>
    inv.tranches.map((t) => ({ id: `dd-${inv.party}-${t.key}`, investorParty: inv.party, tranche: t.key, drawnOn: t.plannedDate, amount: t.amount })));

const totalOf = (amounts: string[]) => Number(sum(amounts.map((a) => dec(a))).toString());
const paymentsTotal = (p: IndigoProject, type: 'Planned' | 'Actual') =>
  p.outcome_payments.filter((x) => x.type.value === type).reduce((n, x) => n + x.money.amount.value, 0);

// ---- Peterborough ---------------------------------------------------------------------------------

const peterborough = loadContract('peterborough.json');
const peterboroughActivity = {
  results: [
    { id: 'res-1', metric: 'reconviction_events', cohort: 'cohort_1', period: null, measuredOn: '2013-12-31', treatmentValue: '142.0', comparisonValue: '155.0', treatmentSampleSize: 1000 },
    { id: 'res-2', metric: 'reconviction_events', cohort: 'cohort_2', period: null, measuredOn: '2015-12-31', treatmentValue: '135.6', comparisonValue: '150.0', treatmentSampleSize: 1000 },
  ],
  obligations: [
    { id: 'obl-1', ruleKey: 'reconviction_reduction', scope: 'cohort_2', payerParty: 'moj', recipientParty: 'social_impact_partnership', amount: '937500.00', currency: 'GBP', dueOn: '2016-09-30', createdAt: '2016-08-31T05:00:00Z' },
    { id: 'obl-2', ruleKey: 'reconviction_reduction', scope: 'cohort_2', payerParty: 'big_lottery_fund', recipientParty: 'social_impact_partnership', amount: '562500.00', currency: 'GBP', dueOn: '2016-09-30', createdAt: '2016-08-31T05:00:00Z' },
    { id: 'obl-3', ruleKey: 'reconviction_reduction', scope: 'cohort_2', payerParty: 'moj', recipientParty: 'social_impact_partnership', amount: '-1250.00', currency: 'GBP', dueOn: '2016-10-31', createdAt: '2016-10-01T05:00:00Z' },
  ],
  settlements: [
    { id: 'set-1', obligationId: 'obl-1', payerParty: 'moj', recipientParty: 'social_impact_partnership', amount: '937500.00', settledOn: '2016-09-28', reference: 'MOJ-PAY-0001' },
    { id: 'set-2', obligationId: 'obl-2', payerParty: 'big_lottery_fund', recipientParty: 'social_impact_partnership', amount: '562500.00', settledOn: '2016-10-05', reference: null },
  ],
  drawdowns: plannedDrawdowns(peterborough),
  distributions: [
    { id: 'dis-1', settlementId: 'set-1', recipientParty: 'sip_investors', role: 'investor' as const, amount: '937500.00', date: '2016-09-28' },
    { id: 'dis-2', settlementId: 'set-2', recipientParty: 'sip_investors', role: 'investor' as const, amount: '562500.00', date: '2016-10-05' },
  ],
  generatedAt: '2016-11-01T09:00:00Z',
};

describe('INDIGO export: Peterborough (counterfactual threshold, two payers)', () => {
  const input = inputFor(peterborough, peterboroughActivity);
  const p = toIndigoProject(input);

  it('validates against the schema', () => expectValid(p));

  it('lists both outcome payers with their maximum commitments and payments', () => {
    expect(p.outcome_payment_commitments).toHaveLength(2);
    const [moj, blf] = p.outcome_payment_commitments;
    expect(moj!.organisation_id.value).toBe(orgId('moj'));
    expect(moj!.maximum_potential_outcome_payment.amount.value).toBe(5_000_000);
    expect(moj!.maximum_potential_outcome_payment.currency).toEqual({ value: 'GBP', status: 'PUBLIC' });
    expect(moj!.total_outcome_payments.amount.value).toBe(937_500);
    expect(blf!.organisation_id.value).toBe(orgId('big_lottery_fund'));
    expect(blf!.maximum_potential_outcome_payment.amount.value).toBe(3_000_000);
    expect(moj!.notes).toContain('62.5% of rule "reconviction_reduction"');
    expect(p.overall_project_finance.maximum_potential_outcome_payment_v2.amount).toEqual({ value: 8_000_000, status: 'PUBLIC' });
  });

  it('prices the rule with a price per unit and describes the triggers in words', () => {
    expect(p.outcome_metrics).toHaveLength(1);
    expect(p.outcome_metrics[0]!.id).toBe('outcomemetric1');
    expect(p.outcome_metrics[0]!.outcome_validation_method.value).toBe('Quasi-experimental study');
    expect(p.outcome_pricings).toHaveLength(1);
    const pricing = p.outcome_pricings[0]!;
    expect(pricing.outcome_metric_id.value).toBe('outcomemetric1');
    expect(pricing.currency.value).toBe('GBP');
    const rule = peterborough.pricing[0]!;
    if (rule.kind !== 'counterfactual_threshold') throw new Error('Peterborough is priced by a counterfactual threshold');
    expect(pricing.price_per_unit?.amount.value).toBe(Number(rule.pricePerUnit));
    expect(pricing.price_description.value).toContain(`GBP ${rule.pricePerUnit} per unit improved`);
    expect(pricing.price_description.value).toContain('at least 10% better than its comparison group');
    expect(pricing.price_description.value).toContain('pooled improvement of at least 7.5%');
    expect(pricing.price_description.value).toContain('Ministry of Justice (UK) 62.5%');
    expect(pricing.contracted_increases_to_outcome_pricing.value).toMatch(/^None/);
  });

  it('publishes the validated results with treatment and comparison values', () => {
    expect(p.results).toHaveLength(2);
    const [c1, c2] = p.results;
    expect(c1!.outcome_metric_id?.value).toBe('outcomemetric1');
    expect(c1!.result_type.value).toBe('Interim');
    expect(c1!.outcomes_achieved.value).toContain('Treatment 142.0 vs comparison 155.0 reconviction events per 100 prisoners');
    expect(c1!.outcomes_achieved.value).toContain('8.4% better than the comparison group');
    expect(c1!.number_engaged_in_impact_bond?.value).toBe(1000);
    expect(c1!.period).toEqual({ start_date: { value: '2010-09-10' }, end_date: { value: '2012-06-30' } });
    expect(c1!.outcomes_validator_organisation_ids?.value).toBe(orgId('independent_assessor'));
    expect(c2!.outcomes_achieved.value).toContain('9.6% better');
  });

  it("splits outcome payments into 'Planned' (obligations) and 'Actual' (settlements) with matching totals", () => {
    const planned = p.outcome_payments.filter((x) => x.type.value === 'Planned');
    const actual = p.outcome_payments.filter((x) => x.type.value === 'Actual');
    expect(planned).toHaveLength(3);
    expect(actual).toHaveLength(2);
    expect(paymentsTotal(p, 'Planned')).toBe(totalOf(peterboroughActivity.obligations.map((o) => o.amount)));
    expect(paymentsTotal(p, 'Planned')).toBe(1_498_750);
    expect(paymentsTotal(p, 'Actual')).toBe(totalOf(peterboroughActivity.settlements.map((s) => s.amount)));
    expect(p.overall_project_finance.total_outcome_payments_made.amount.value).toBe(1_500_000);
    expect(planned[2]!.money.amount.value).toBe(-1250);
    expect(planned[0]!.payer_organisation_id.value).toBe(orgId('moj'));
    expect(planned[0]!.recipient_organisation_id.value).toBe(orgId('social_impact_partnership'));
    expect(planned[0]!.period).toEqual({ start_date: { value: '2012-07-01' }, end_date: { value: '2014-06-30' } });
  });

  it('maps drawdowns, settlements and distributions to dated transactions', () => {
    const types = p.transactions.map((t) => t.transaction_type.value);
    expect(types.filter((t) => t === 'Debt')).toHaveLength(5);
    expect(types.filter((t) => t === 'Outcome Payment')).toHaveLength(2);
    expect(types.filter((t) => t === 'Capital Repayment')).toHaveLength(2);
    const dates = p.transactions.map((t) => t.date.value);
    expect(dates).toEqual([...dates].sort());
    const debt = p.transactions.find((t) => t.transaction_type.value === 'Debt')!;
    expect(debt.investment_id?.value).toBe('investment1');
    expect(debt.sending_organisation_id.value).toBe(orgId('sip_investors'));
    expect(debt.receiving_organisation_id?.value).toBe(orgId('social_impact_partnership'));
    const payment = p.transactions.find((t) => t.transaction_type.value === 'Outcome Payment')!;
    expect(payment.outcome_metric_id?.value).toBe('outcomemetric1');
    expect(payment.money).toEqual({ currency: { value: 'GBP' }, amount: { value: 937_500 } });
    expect(p.investment_details.total_funds_invested.latest.amount.value).toBe(5_000_000);
    expect(p.investment_details.total_funds_invested.latest.date.value).toBe('2016-11-01');
  });

  it('describes finance, parties, classification, sources and assumptions', () => {
    expect(p.name.value).toBe(peterborough.title);
    expect(p.status).toBe('PUBLIC');
    // Generated in 2016, after the last cohort's enrolment window closed (2014-06-30).
    expect(p.stage_development).toEqual({ value: 'Service delivery complete', status: 'PUBLIC' });
    expect(p.jurisdiction.jurisdiction).toEqual({ value: 'GB', status: 'PUBLIC' });
    expect(p.jurisdiction.notes).toContain('GB-ENG');
    expect(p.purpose_and_classifications.policy_sector).toEqual({ value: 'Criminal justice' });
    expect(p.overall_project_finance.total_investment_commitment.amount.exact.value).toBe(5_000_000);
    expect(p.overall_project_finance.maximum_potential_return_type?.value).toBe('IRR');
    expect(p.overall_project_finance.maximum_potential_return?.value).toBe('13%');
    expect(p.overall_project_finance.configuration_contracting_parties?.value).toContain('Social Impact Partnership LP');
    expect(p.overall_project_finance.investor_repayment).toBeUndefined();
    expect(p.investments).toHaveLength(1);
    expect(p.investments[0]).toMatchObject({
      id: 'investment1',
      organisation_id: { value: orgId('sip_investors') },
      investment_commitment: { currency: { value: 'GBP' }, amount: { exact: { value: 5_000_000 } } },
      maximum_potential_return_type: { value: 'IRR' },
      maximum_potential_return: { value: 13 },
      investment_type: { value: 'Debt' },
    });
    expect(p.intermediary_services).toHaveLength(1);
    expect(p.intermediary_services[0]!.other_role_description.value).toContain('Holds the outcomes contract');
    expect(p.service_provisions.map((s) => s.organisation_id.value)).toEqual([orgId('one_service')]);
    expect(p.service_and_beneficiaries.targeted_number_service_users_or_beneficiaries_total?.value).toBe(2000);
    expect(p.dates.outcomes_contract_signed?.value).toBe('2010-09-10');
    expect(p.dates.anticipated_completion_date.value).toBe('2017-09-09');
    expect(p.dates.actual_completion_date).toBeUndefined();
    expect(p.sources).toHaveLength(1 + peterborough.source!.urls.length);
    expect(p.sources[1]!.url?.value).toBe(peterborough.source!.urls[0]);
    expect(p.notes.status).toBe('PUBLIC');
    for (const assumption of peterborough.assumptions) expect(p.notes.value).toContain(assumption);
    expect(p.notes.value).toContain(peterborough.source!.notes);
    expect(p.notes.value).toContain('exact figures are available from the Outcome Ledger API');
  });

  it('is deterministic and leaves its input untouched', () => {
    const copy = structuredClone(input);
    expect(toIndigoProject(input)).toStrictEqual(p);
    expect(input).toStrictEqual(copy);
  });

  it('refuses to invent an organisation id for an unbound party', () => {
    const unbound = { ...input, parties: input.parties.filter((x) => x.partyKey !== 'moj') };
    expect(() => toIndigoProject(unbound)).toThrow(/party "moj" has no organisation/);
  });

  it('marks a terminated contract complete: final results, completion date, investor repayment', () => {
    const closed = toIndigoProject({
      ...input,
      status: 'terminated',
      terminatedOn: '2017-08-31',
      terminationReason: 'All cohorts measured; final payments made',
      amendments: [
        { number: 1, description: 'Cohort 3 removed; cohort 2 shortened', reason: 'Transforming Rehabilitation', inForceAt: '2014-06-01T09:00:00Z' },
        { number: 2, description: 'Proposed price change', reason: null, inForceAt: null },
      ],
      distributions: [
        ...peterboroughActivity.distributions,
        { id: 'dis-3', settlementId: 'set-2', recipientParty: 'sip_investors', role: 'investor', amount: '4000000.00', date: '2017-08-01' },
      ],
      generatedAt: '2017-09-30T09:00:00Z',
    });
    expectValid(closed);
    expect(closed.stage_development?.value).toBe('Complete');
    expect(closed.dates.actual_completion_date).toEqual({ value: '2017-08-31', status: 'PUBLIC' });
    expect(closed.dates.actual_end_date_of_service_provision?.value).toBe('2014-06-30');
    expect(closed.results.every((r) => r.result_type.value === 'Final')).toBe(true);
    expect(closed.investments[0]!.investor_repayment?.value).toBe('Principal + positive financial returns');
    expect(closed.overall_project_finance.investor_repayment?.value).toBe('Principal + positive financial returns');
    const last = closed.transactions.at(-1)!;
    expect(last.transaction_type.value).toBe('Capital Repayment and Interest');
    expect(last.notes).toContain('capital GBP 3500000.00, return GBP 500000.00');
    const alteration = closed.outcome_payment_commitments[0]!.alterations!;
    expect(alteration.description.value).toContain('Amendment 1 (in force 2014-06-01): Cohort 3 removed');
    expect(alteration.description.value).not.toContain('Proposed price change');
    expect(alteration.reason?.value).toContain('Closure: All cohorts measured');
    expect(closed.service_provisions[0]!.alterations?.description.value).toContain('Contract closed on 2017-08-31');
  });
});

// ---- Educate Girls --------------------------------------------------------------------------------

describe('INDIGO export: Educate Girls (weighted composite, USD, 15% IRR)', () => {
  const eg = loadContract('educate-girls.json');
  const results = [
    { id: 'res-girls', metric: 'girls_enrolled', cohort: 'programme', period: null, measuredOn: '2018-02-28', treatmentValue: '768', comparisonValue: null, treatmentSampleSize: null },
    { id: 'res-aser', metric: 'learning_gains', cohort: 'programme', period: null, measuredOn: '2018-02-28', treatmentValue: '8940', comparisonValue: null, treatmentSampleSize: null },
  ];
  const activity = {
    results,
    drawdowns: plannedDrawdowns(eg),
    obligations: [
      { id: 'obl-eg', ruleKey: 'composite_outcome_payment', scope: 'programme', payerParty: 'ciff', recipientParty: 'ubs_optimus', amount: '414085.00', currency: 'USD', dueOn: '2018-09-30', createdAt: '2018-08-01T03:30:00Z' },
    ],
    settlements: [
      { id: 'set-eg', obligationId: 'obl-eg', payerParty: 'ciff', recipientParty: 'ubs_optimus', amount: '414085.00', settledOn: '2018-09-15', reference: 'CIFF-EG-FINAL' },
    ],
    distributions: [
      { id: 'dis-eg', settlementId: 'set-eg', recipientParty: 'ubs_optimus', role: 'investor' as const, amount: '414085.00', date: '2018-09-15' },
    ],
    generatedAt: '2018-06-01T06:00:00Z',
  };
  const p = toIndigoProject(inputFor(eg, activity));

  it('validates against the schema', () => expectValid(p));

  it('publishes the 15% IRR return cap in USD', () => {
    expect(p.overall_project_finance.total_investment_commitment.currency.value).toBe('USD');
    expect(p.overall_project_finance.total_investment_commitment.amount.exact.value).toBe(270_000);
    expect(p.overall_project_finance.maximum_potential_outcome_payment_v2.currency.value).toBe('USD');
    expect(p.overall_project_finance.maximum_potential_outcome_payment_v2.amount.value).toBe(422_000);
    expect(p.overall_project_finance.maximum_potential_return_type).toEqual({ value: 'IRR', status: 'PUBLIC' });
    expect(p.overall_project_finance.maximum_potential_return).toEqual({ value: '15%', status: 'PUBLIC' });
    expect(p.investments[0]!.maximum_potential_return_type).toEqual({ value: 'IRR' });
    expect(p.investments[0]!.maximum_potential_return).toEqual({ value: 15 });
    expect(p.investments[0]!.investment_type).toEqual({ value: 'Debt' });
    expect(p.jurisdiction.jurisdiction.value).toBe('IN');
    expect(p.purpose_and_classifications.policy_sector?.value).toBe('Education');
  });

  it('prices each weighted component and reports results against their targets', () => {
    expect(p.outcome_pricings.map((x) => x.outcome_metric_id.value)).toEqual(['outcomemetric1', 'outcomemetric2']);
    expect(p.outcome_pricings.map((x) => x.maximum_price_if_all_targets_achieved?.amount.value)).toEqual(['60000.00', '240000.00']);
    expect(p.outcome_pricings.every((x) => x.price_per_unit === undefined)).toBe(true);
    expect(p.outcome_pricings[1]!.price_description.value).toContain('counts for 80% of the weighted achievement');
    expect(p.outcome_metrics[0]!.outcome_metric_target?.value).toContain('662 girls');
    expect(p.outcome_metrics[1]!.outcome_validation_method.value).toBe('Randomised Control Trial');
    expect(p.results[0]!.outcomes_achieved.value).toContain('768 girls (116% of the target of 662)');
    expect(p.results[1]!.outcomes_achieved.value).toContain('8940 ASER levels (160% of the target of 5592)');
    expect(p.results[0]!.number_engaged_in_impact_bond).toBeUndefined();
    expect(p.stage_development?.value).toBe('Service delivery complete');
  });

  it('closes with final results, the completion date and the return split out', () => {
    const closed = toIndigoProject(inputFor(eg, {
      ...activity, status: 'terminated', terminatedOn: '2018-07-31', terminationReason: 'Completed', generatedAt: '2018-10-01T06:00:00Z',
    }));
    expectValid(closed);
    expect(closed.results.map((r) => r.result_type.value)).toEqual(['Final', 'Final']);
    expect(closed.dates.actual_completion_date?.value).toBe('2018-07-31');
    expect(closed.stage_development?.value).toBe('Complete');
    const repayment = closed.transactions.find((t) => t.notes.startsWith('Distribution'))!;
    expect(repayment.transaction_type.value).toBe('Capital Repayment and Interest');
    expect(repayment.notes).toContain('capital USD 270000.00, return USD 144085.00');
    expect(closed.investments[0]!.investor_repayment?.value).toBe('Principal + positive financial returns');
    expect(paymentsTotal(closed, 'Actual')).toBe(414_085);
  });
});

// ---- Rate cards and volume bands ------------------------------------------------------------------

describe('INDIGO export: DWP Innovation Fund (rate card)', () => {
  const dwp = loadContract('dwp-innovation-fund.json');
  const p = toIndigoProject(inputFor(dwp, {
    drawdowns: plannedDrawdowns(dwp),
    claimSummary: [
      { metric: 'improved_behaviour', cohort: 'intake_2012', validated: 120, participants: 120 },
      { metric: 'nqf_level_2', cohort: 'intake_2012', validated: 64, participants: 64 },
    ],
    generatedAt: '2013-06-01T08:00:00Z',
  }));

  it('validates against the schema', () => expectValid(p));

  it('prices every outcome of the card with its unit price and the participant cap in words', () => {
    expect(p.outcome_pricings).toHaveLength(9);
    expect(p.outcome_pricings.map((x) => x.price_per_unit?.amount.value)).toEqual([1300, 800, 700, 2200, 3300, 2000, 1200, 2600, 1000]);
    expect(p.outcome_pricings[0]!.price_description.value).toContain('GBP 11700.00 per participant across its outcomes');
    expect(p.outcome_pricings[8]!.price_description.value).toContain('only after "Entry to employment (13 weeks)"');
    expect(p.overall_project_finance.maximum_potential_outcome_payment_v2.amount.value).toBe(4_800_000);
    expect(p.overall_project_finance.notes).toContain('sum of the outcome payers');
    expect(p.overall_project_finance.maximum_potential_return).toBeUndefined();
  });

  it('reports validated claims as interim results', () => {
    expect(p.results).toHaveLength(2);
    expect(p.results[1]).toMatchObject({
      outcome_metric_id: { value: 'outcomemetric4' },
      result_type: { value: 'Interim' },
      number_with_positive_social_outcomes: { value: 64 },
      period: { start_date: { value: '2012-04-01' }, end_date: { value: '2013-03-31' } },
      outcomes_validator_organisation_ids: { value: orgId('dwp') },
    });
    expect(p.results[1]!.outcomes_achieved.value).toContain('64 validated outcomes for 64 participants');
    expect(p.service_and_beneficiaries.targeted_number_service_users_or_beneficiaries_total?.value).toBe(950);
    expect(p.purpose_and_classifications.policy_sector?.value).toBe('Employment and training');
    expect(p.stage_development?.value).toBe('Implementation');
  });
});

describe('INDIGO export: London rough sleeping (rate card with sustainment clocks)', () => {
  const london = loadContract('london-rough-sleeping.json');
  const p = toIndigoProject(inputFor(london, {
    claimSummary: [{ metric: 'sustained_3_months', cohort: 'named_cohort', validated: 1, participants: 1 }],
    generatedAt: '2012-10-01T08:00:00Z',
  }));

  it('validates against the schema', () => expectValid(p));

  it('describes sustainment, claim limits and unpriced metrics', () => {
    expect(p.stage_development?.value).toBe('Contracted');
    expect(p.outcome_metrics).toHaveLength(6);
    expect(p.outcome_pricings).toHaveLength(5);
    const sustained = p.outcome_pricings.find((x) => x.outcome_metric_id.value === 'outcomemetric3')!;
    expect(sustained.price_description.value).toContain('held for 3 months from "Entry to accommodation"');
    expect(sustained.price_description.value).toContain('which resets the clock');
    const wellbeing = p.outcome_pricings.find((x) => x.outcome_metric_id.value === 'outcomemetric6')!;
    expect(wellbeing.price_description.value).toContain('up to 3 times per participant');
    expect(p.outcome_metrics[1]!.notes).toContain('Not priced');
    expect(p.results[0]!.outcomes_achieved.value).toContain('1 validated outcome for 1 participant');
    expect(p.purpose_and_classifications.policy_sector?.value).toBe('Homelessness');
  });
});

describe('INDIGO export: CIS France (volume bands, five investors)', () => {
  const cis = loadContract('cis-france.json');
  const p = toIndigoProject(inputFor(cis, { drawdowns: plannedDrawdowns(cis), generatedAt: '2020-06-01T08:00:00Z' }));

  it('validates against the schema', () => expectValid(p));

  it('publishes the bands in words, the cap as maximum price, and each investor', () => {
    const pricing = p.outcome_pricings[0]!;
    expect(pricing.outcome_metric_id.value).toBe('outcomemetric2');
    expect(pricing.currency.value).toBe('EUR');
    expect(pricing.price_per_unit).toBeUndefined();
    expect(pricing.maximum_price_if_all_targets_achieved?.amount.value).toBe('1500000.00');
    expect(pricing.price_description.value).toContain('outcomes 1 to 320: EUR 4375.00 each; beyond 320: EUR 1250.00 each');
    expect(p.investments).toHaveLength(5);
    expect(p.investments.every((x) => x.investment_type?.value === 'Debt' && x.maximum_potential_return === undefined)).toBe(true);
    expect(p.overall_project_finance.total_investment_commitment.amount.exact.value).toBe(1_300_000);
    expect(p.investment_details.total_funds_invested.latest.amount.value).toBe(1_300_000);
    expect(p.transactions.filter((t) => t.transaction_type.value === 'Debt')).toHaveLength(20);
    expect(p.transactions.every((t) => t.receiving_organisation_id?.value === orgId('adie'))).toBe(true);
    expect(p.intermediary_services).toEqual([]);
  });
});

// ---- Synthetic: the other rule kinds, grants, guarantees, multiples, indexation, drafts ------------

const synthetic: ContractDefinitionInput = {
  reference: 'US-NY-SYNTHETIC-2020',
  title: 'Synthetic outcomes contract exercising tiered, linear and savings-share rules',
  policyArea: 'other',
  jurisdiction: 'US-NY',
  currency: 'USD',
  term: { start: '2020-01-01', end: '2023-12-31' },
  parties: [
    { key: 'city', name: 'City of Example', roles: ['outcome_payer'] },
    { key: 'bank', name: 'Example Bank', roles: ['investor'] },
    { key: 'fund', name: 'Example Impact Fund', roles: ['investor'] },
    { key: 'foundation', name: 'Example Foundation', roles: ['investor'] },
    { key: 'guarantor', name: 'Example Guarantor', roles: ['investor'] },
    { key: 'provider', name: 'Example Provider', roles: ['operator'] },
    { key: 'assessor', name: 'Example Assessor', roles: ['evaluator'] },
  ],
  payers: [{ party: 'city', maximumCommitment: '2000000.00' }],
  investors: [
    { party: 'bank', commitment: '600000.00', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.08' } },
    { party: 'fund', commitment: '300000.00', seniority: 'subordinate', returnCap: { kind: 'multiple', multiple: '1.5' } },
    { party: 'foundation', commitment: '100000.00', seniority: 'grant' },
    { party: 'guarantor', commitment: '250000.00', seniority: 'guarantee' },
  ],
  maximumOutcomePayment: '1800000.00',
  cohorts: [{ key: 'all_participants', name: 'Everyone referred in 2020-2021', enrolment: { start: '2020-01-01', end: '2021-12-31' }, followUpMonths: 12, recordingLagMonths: 3 }],
  periods: [
    { key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31' },
    { key: 'year_2', name: 'Year 2', start: '2021-01-01', end: '2021-12-31' },
  ],
  metrics: [
    { key: 'jail_bed_days', name: 'Jail bed-days', unit: 'bed-days', direction: 'decrease', level: 'aggregate', validationMethod: 'historical_baseline' },
    { key: 'employment_rate', name: 'Employment rate', unit: 'share employed', direction: 'increase', level: 'aggregate', validationMethod: 'administrative_data' },
    { key: 'public_savings', name: 'Measured public savings', unit: 'USD', direction: 'increase', level: 'aggregate', validationMethod: 'validated_survey' },
  ],
  pricing: [
    {
      key: 'bed_day_tiers', kind: 'tiered', metric: 'jail_bed_days', scope: 'period', measure: 'relative_improvement',
      tiers: [{ atLeast: '0.085', amount: '100000.00' }, { atLeast: '0.10', amount: '150000.00' }], cap: { perScope: '120000.00' },
    },
    {
      key: 'employment_linear', kind: 'linear', metric: 'employment_rate', scope: 'period', scopes: ['year_2'], measure: 'absolute_improvement',
      floor: '0.05', pricePerUnit: '1000.00', unitSize: '0.01', paysFrom: 'zero',
    },
    {
      key: 'savings', kind: 'savings_share', metric: 'public_savings', scope: 'period', initialShare: '0.5',
      threshold: { principalPlusInterest: { annualRate: '0.05' } }, subsequentShare: '0.1', cap: { total: '500000.00' },
    },
  ],
  indexation: { kind: 'annual_rate', rate: '0.02', baseDate: '2020-01-01' },
  evaluation: { schedule: '0 6 1 * *', timeZone: 'America/New_York' },
  source: { notes: 'Invented for tests.', urls: [] },
  assumptions: ['ILLUSTRATIVE: everything.'],
};

describe('INDIGO export: synthetic contract (other rule kinds and investor kinds)', () => {
  const def = definitionFrom(synthetic);
  const activity: Partial<IndigoProjectInput> = {
    drawdowns: [
      { id: 'dd-bank', investorParty: 'bank', tranche: null, drawnOn: '2020-01-15', amount: '600000.00' },
      { id: 'dd-fund', investorParty: 'fund', tranche: null, drawnOn: '2020-01-15', amount: '300000.00' },
      { id: 'dd-grant', investorParty: 'foundation', tranche: null, drawnOn: '2020-02-01', amount: '100000.00' },
      { id: 'dd-guarantee', investorParty: 'guarantor', tranche: null, drawnOn: '2022-06-30', amount: '50000.00' },
    ],
    obligations: [
      { id: 'o-1', ruleKey: 'bed_day_tiers', scope: 'year_1', payerParty: 'city', recipientParty: 'provider', amount: '102000.00', currency: 'USD', dueOn: '2021-05-01', createdAt: '2021-04-01T10:00:00Z' },
    ],
    settlements: [
      { id: 's-1', obligationId: 'o-1', payerParty: 'city', recipientParty: 'provider', amount: '102000.00', settledOn: '2021-04-20', reference: null },
    ],
    distributions: [
      { id: 'x-1', settlementId: 's-1', recipientParty: 'bank', role: 'investor', amount: '100000.00', date: '2021-04-20' },
      { id: 'x-2', settlementId: 's-1', recipientParty: 'provider', role: 'operator', amount: '2000.00', date: '2021-04-20' },
      { id: 'x-3', settlementId: 's-1', recipientParty: 'foundation', role: 'investor', amount: '0.00', date: '2021-04-20' },
    ],
    results: [
      { id: 'r-1', metric: 'jail_bed_days', cohort: null, period: 'year_1', measuredOn: '2020-12-31', treatmentValue: '9000', comparisonValue: '10000', treatmentSampleSize: 400 },
      { id: 'r-2', metric: 'public_savings', cohort: null, period: null, measuredOn: '2021-12-31', treatmentValue: '250000', comparisonValue: null, treatmentSampleSize: null },
    ],
    generatedAt: '2021-06-01T12:00:00Z',
  };
  const p = toIndigoProject(inputFor(def, activity));

  it('validates against the schema', () => expectValid(p));

  it('describes tiered, linear and savings-share pricing, with indexation', () => {
    const [tiered, linear, savings] = p.outcome_pricings;
    expect(tiered!.price_description.value).toContain('at least 8.5% pays USD 100000.00, at least 10% pays USD 150000.00');
    expect(tiered!.maximum_price_if_all_targets_achieved?.amount.value).toBe('240000.00'); // min(150k, 120k per scope) x 2 periods
    expect(tiered!.price_per_unit).toBeUndefined();
    expect(linear!.price_per_unit?.amount.value).toBe(1000);
    expect(linear!.price_description.value).toContain('per 0.01 of the measure counted from zero');
    expect(linear!.price_description.value).toContain('each period (year_2)');
    expect(savings!.price_description.value).toContain('50% of the measured savings');
    expect(savings!.price_description.value).toContain('simple interest at 5% a year, then 10%');
    expect(savings!.maximum_price_if_all_targets_achieved?.amount.value).toBe('500000.00');
    for (const x of p.outcome_pricings) {
      expect(x.contracted_increases_to_outcome_pricing.value).toContain('rise by 2% a year, compounded on each full year since 2020-01-01');
    }
    expect(p.outcome_metrics[0]!.outcome_metric_target?.value).toBe('8.5% or more (relative improvement, lowest payment tier)');
    expect(p.outcome_metrics[1]!.outcome_metric_target?.value).toBe('above 0.05 (absolute improvement, the floor)');
    expect(p.outcome_metrics.map((m) => m.outcome_validation_method.value)).toEqual(['Historical comparison', 'Simple ex-post verification', 'Simple ex-post verification']);
  });

  it('maps grants and guarantees without inventing codelist values', () => {
    const [bank, fund, foundation, guarantor] = p.investments;
    expect(bank!.investment_type?.value).toBe('Debt');
    expect(fund!.investment_type?.value).toBe('Debt');
    expect(fund!.maximum_potential_return_type).toBeUndefined();
    expect(fund!.maximum_potential_return?.value).toBe(50);
    expect(fund!.notes).toContain('money multiple of 1.5x');
    expect(foundation!.investment_type).toBeUndefined();
    expect(foundation!.notes).toContain('Grant: not repaid');
    expect(guarantor!.investment_type).toBeUndefined();
    expect(guarantor!.notes).toContain('Guarantee: pays out only on a shortfall');
    // Guarantees are not capital raised or invested.
    expect(p.overall_project_finance.total_investment_commitment.amount.exact.value).toBe(1_000_000);
    expect(p.investment_details.total_funds_invested.latest.amount.value).toBe(1_000_000);
    expect(p.overall_project_finance.maximum_potential_return_type).toBeUndefined();
    expect(p.overall_project_finance.maximum_potential_return?.value).toBe('IRR 8% (Example Bank); money multiple 1.5x (Example Impact Fund)');
    const byId = Object.fromEntries(p.transactions.map((t) => [t.notes.split(' ')[1]!.replace(/[.:]$/, ''), t.transaction_type.value]));
    expect(byId['x-3']).toBeUndefined(); // the grant's zero line in the capital stack moves no money
    expect(byId).toMatchObject({ 'dd-bank': 'Debt', 'dd-fund': 'Debt', 'dd-grant': 'Grant', 'dd-guarantee': 'Other', 'x-1': 'Capital Repayment', 'x-2': 'Other', 's-1': 'Outcome Payment' });
  });

  it('leaves out what has no code in the standard and reports results without a comparison group', () => {
    expect(p.purpose_and_classifications.policy_sector).toBeUndefined();
    expect(p.purpose_and_classifications.notes).toContain('"other"');
    expect(p.outcome_metrics.every((m) => m.policy_sector === undefined)).toBe(true);
    expect(p.results[0]!.outcomes_achieved.value).toContain('10% better than the comparison group');
    expect(p.results[0]!.period).toEqual({ start_date: { value: '2020-01-01' }, end_date: { value: '2020-12-31' } });
    expect(p.results[1]!.outcomes_achieved.value).toBe('Measured public savings: 250000 USD');
    expect(p.results[1]!.period.end_date.value).toBe('2021-12-31');
    expect(p.results[0]!.outcomes_validator_organisation_ids?.value).toBe(orgId('assessor'));
    expect(p.jurisdiction.jurisdiction.value).toBe('US');
    expect(p.service_and_beneficiaries.targeted_number_service_users_or_beneficiaries_total).toBeUndefined();
    expect(p.sources).toHaveLength(1);
  });

  it("publishes a draft as 'Late-stage design' without signature dates", () => {
    const draft = toIndigoProject(inputFor(def, { status: 'draft', activatedAt: null, signedAt: null, generatedAt: '2019-12-01T12:00:00Z' }));
    expectValid(draft);
    // The standard's stages start at "Contracted": a draft has none.
    expect(draft.stage_development).toBeUndefined();
    expect(draft.notes.value).toContain('Draft: the terms are not yet approved by every party');
    expect(draft.dates.outcomes_contract_signed).toBeUndefined();
    expect(draft.dates.contracts_between_all_parties_signed).toBeUndefined();
    expect(draft.transactions).toEqual([]);
    expect(draft.outcome_payments).toEqual([]);
  });
});

describe('INDIGO standard (release 4.1.0, vendored)', () => {
  it('rejects what the standard does not allow: codelists, types, dates, references', () => {
    expect(INDIGO_STANDARD.version).toBe('4.1.0');
    const p = toIndigoProject(inputFor(peterborough, peterboroughActivity));
    const problems = (mutate: (x: IndigoProject) => void) => {
      const copy = structuredClone(p);
      mutate(copy);
      return validateIndigoProject(copy).map((e) => e.path);
    };
    expect(problems(() => undefined)).toEqual([]);
    expect(problems((x) => { (x.stage_development as { value: string }).value = 'Late-stage design'; })).toEqual(['/stage_development/value']);
    expect(problems((x) => { (x.sources[0]!.type as { value: string }).value = 'Outcome Ledger contract record'; })).toEqual(['/sources/0/type/value']);
    expect(problems((x) => { (x.results[0]!.result_type as { value: string }).value = 'Overall'; })).toEqual(['/results/0/result_type/value']);
    expect(problems((x) => { (x.outcome_payments[0]!.type as { value: string }).value = 'Forecast'; })).toEqual(['/outcome_payments/0/type/value']);
    expect(problems((x) => { (x.transactions[0]!.transaction_type as { value: string }).value = 'Loan'; })).toEqual(['/transactions/0/transaction_type/value']);
    expect(problems((x) => { (x.investments[0] as { investment_type?: { value: string } }).investment_type = { value: 'Grant' }; })).toEqual(['/investments/0/investment_type/value']);
    expect(problems((x) => { (x.investments[0]!.maximum_potential_return_type as { value: string }).value = 'Multiple'; })).toEqual(['/investments/0/maximum_potential_return_type/value']);
    expect(problems((x) => { (x.outcome_payments[0]!.money.amount as { value: unknown }).value = '937500.00'; })).toEqual(['/outcome_payments/0/money/amount/value']);
    expect(problems((x) => { x.dates.anticipated_completion_date.value = '09/09/2017'; })).toEqual(['/dates/anticipated_completion_date/value']);
    // Codelist by file (countries.csv), enforced as the standard's pipeline compiles it.
    expect(problems((x) => { x.jurisdiction.jurisdiction.value = 'UK'; })).toEqual(['/jurisdiction/jurisdiction/value']);
    // References within the record.
    expect(problems((x) => { x.outcome_pricings[0]!.outcome_metric_id.value = 'metric1'; })).toEqual(['/outcome_pricings/0/outcome_metric_id/value']);
    expect(problems((x) => { x.results[0]!.source_ids = 'source1,source99'; })).toEqual(['/results/0/source_ids']);
    expect(problems((x) => { x.transactions[0]!.investment_id = { value: 'investment9' }; })).toEqual(['/transactions/0/investment_id/value']);
    // Organisation references against the organisation records published with it.
    const ids = new Set(p.outcome_payment_commitments.map((c) => c.organisation_id.value));
    expect(validateIndigoProject(p, { organisationIds: ids }).map((e) => e.message)).toContain(`organisation "${orgId('sip_investors')}" is not among the organisation records`);
    // The standard allows other properties; our export must not invent any.
    expect(propertiesOutsideStandard('project', { ...p, invented_field: { value: 'x' } })).toEqual(['/invented_field']);
  });

  it('publishes an organisation record for every organisation the project names, valid against organisation.json', () => {
    const input = inputFor(peterborough, peterboroughActivity);
    input.parties = input.parties.map((x) => (x.partyKey === 'moj' ? { ...x, identifier: 'GB-GOR-D18', organisationKind: 'public_authority' } : x.partyKey === 'one_service' ? { ...x, identifier: null } : x));
    const out = toIndigoExport(input);
    const ids = new Set(out.organisations.map((o) => o.id));
    expectValid(out.project, ids);
    expect(ids.size).toBe(out.organisations.length);
    for (const o of out.organisations) {
      expect(validateIndigoOrganisation(o.data)).toEqual([]);
      expect(propertiesOutsideStandard('organisation', o.data)).toEqual([]);
    }
    const moj = out.organisations.find((o) => o.id === 'GB-GOR-D18')!;
    expect(moj.data).toMatchObject({ name: { value: 'Ministry of Justice (UK)' }, jurisdiction: { value: 'GB' }, type: { value: 'Government body' }, 'org-ids': { primary: { value: 'GB-GOR-D18' } } });
    const local = out.organisations.find((o) => o.id === 'XI-OUTCOMELEDGER-uuid-one_service')!;
    expect(local.data['org-ids']).toBeUndefined();
    expect(out.project.service_provisions[0]!.organisation_id.value).toBe('XI-OUTCOMELEDGER-uuid-one_service');
  });
});

describe('INDIGO standard: vendored files', () => {
  it('derives its codelists from the vendored CSV files exactly as the standard\'s pipeline reads them (first column after the header)', async () => {
    const { parse } = await import('csv-parse/sync');
    const { readdirSync } = await import('node:fs');
    const { standardCodelists } = await import('../../../src/domain/indigo/standard.ts');
    const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'domain', 'indigo', 'standard', 'codelists');
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
    expect(Object.keys(standardCodelists).sort()).toEqual(files);
    for (const f of files) {
      const rows = parse(readFileSync(join(dir, f), 'utf8'), { relax_column_count: true }) as string[][];
      expect(standardCodelists[f]).toEqual(rows.slice(1).filter((r) => r.length > 0 && r[0]).map((r) => r[0]));
    }
  });
});
