import type { Decimal } from 'decimal.js';
import type { ContractDefinition, Metric, PricingRule } from '../contract/definition.ts';
import { paymentRecipient as paymentRecipientOf } from '../contract/lifecycle.ts';
import { improvement } from '../engine/measure.ts';
import { ZERO, dec, formatAmount, sum } from '../money/money.ts';
import { dateInZone, maxDate, minDate } from '../time/dates.ts';
import type { IndigoDistributionInput, IndigoObligationInput, IndigoProjectInput } from './input.ts';
import type {
  IndigoDates, IndigoInvestment, IndigoMoney, IndigoOutcomeMetric, IndigoOutcomePayment, IndigoOutcomePricing, IndigoProject,
  IndigoResult, IndigoSource, IndigoTransaction, InvestorRepayment, MoneyVS, PolicySector, ResultType, StageDevelopment,
  TransactionType, V,
} from './types.ts';

export type { IndigoProject } from './types.ts';
export type { IndigoProjectInput } from './input.ts';

/**
 * Outcome Ledger → INDIGO (Government Outcomes Lab impact-bond data standard, v4) `project` record.
 *
 * PUBLICATION, NOT ACCOUNTING. Our amounts are exact decimal strings; the standard's money
 * `amount`s are JSON numbers, so they are converted with Number() here and only here. A number can
 * lose digits beyond ~15 significant figures: the export is for open-data publication, and the
 * exact figures stay in the Outcome Ledger API. Totals (total outcome payments made, funds invested,
 * commitments) are summed exactly first and converted once.
 *
 * Pure: no I/O and no clock. "Today" is `generatedAt`, read as a date in the contract's evaluation
 * time zone (`asOf`).
 *
 * Mapping decisions (each is also visible in the record's notes where it matters):
 * - Organisation references are OUR organisation ids (the caller's `parties[].organisationId`), not
 *   INDIGO-ORG-nnnn ids: this record is published by us, not by INDIGO's registry. A party key with
 *   no organisation in `parties` is an error (the export never invents an id).
 * - Every leaf the standard defines as {value, status} gets status "PUBLIC", and every record-level
 *   `status` is "PUBLIC": we only export what the parties registered for publication.
 * - stage_development: draft → "Late-stage design" (terms written, not yet approved by every
 *   party, so not "Contracted"); active → "Contracted" before service provision starts,
 *   "Implementation" while it runs, "Service delivery complete" after its planned end; terminated
 *   (our closed state, after normal completion or early termination) → "Complete", with
 *   dates.actual_completion_date = terminatedOn.
 * - Service provision dates: from the first cohort enrolment / period start to the last cohort
 *   enrolment / period end (our nearest recorded proxy for delivery).
 * - Signature dates: the date every required party had approved the terms (`activatedAt`), used for
 *   both outcomes_contract_signed and contracts_between_all_parties_signed (approval is tripartite).
 * - results[].result_type: "Final" when the contract is terminated (closed: no further results
 *   count), otherwise "Interim". Aggregate results and participant claim summaries both become
 *   results[]; treatment vs comparison values are written out in outcomes_achieved.
 * - outcome_payments[]: one "Planned" entry per obligation (adjustments keep their sign, so the
 *   planned total equals the obligations' total) and one "Actual" entry per settlement.
 * - transactions[]: drawdowns → "Debt" (senior/subordinate), "Grant" (grant), "Other" (guarantee
 *   payout); settlements → "Outcome Payment"; distributions to investors → "Capital Repayment",
 *   "Interest Payment" or "Capital Repayment and Interest", splitting each distribution into
 *   capital and return the way the capital stack does (everything received counts as capital until
 *   the capital drawn so far is repaid); surplus to the operator (bonus) or back to the payer → "Other".
 *   Zero distribution lines (grants and guarantees in the capital stack) move no money and are left out.
 * - investments[]: investment_type "Debt" for senior and subordinate lenders. The standard's
 *   investment_type codelist is Debt | Equity | Combination: it has no value for grants or
 *   guarantees, so for those investment_type is left out and the notes say what they are.
 *   Guarantees are not upfront capital and are left out of total_investment_commitment and
 *   total_funds_invested.
 * - Return caps: an IRR cap → maximum_potential_return_type "IRR" and maximum_potential_return in
 *   percent (15 for 15%; the project-level field, a string in the standard, reads "15%"). A money
 *   multiple cap has no code in the standard's list: the type is left out, the return is the total
 *   (not annualised) percentage, (multiple − 1) × 100, and the notes say so.
 * - investor_repayment is filled only once the contract is closed (terminated), as the standard asks.
 * - policy_sector: our policyArea mapped to the standard's sector names; "other" has no sector
 *   in the codelist and is left out.
 */
export function toIndigoProject(input: IndigoProjectInput): IndigoProject {
  const d = input.definition;
  const currency = d.currency;
  const PUBLIC = 'PUBLIC' as const;
  const asOf = dateInZone(new Date(input.generatedAt), d.evaluation.timeZone);

  // ---- lookups ------------------------------------------------------------------------------
  const orgByParty = new Map(input.parties.map((p) => [p.partyKey, p]));
  const partyByKey = new Map(d.parties.map((p) => [p.key, p]));
  const org = (partyKey: string): V<string> => {
    const bound = orgByParty.get(partyKey);
    if (!bound) throw new Error(`INDIGO export: party "${partyKey}" has no organisation in the input parties`);
    return { value: bound.organisationId };
  };
  const partyName = (partyKey: string): string =>
    partyByKey.get(partyKey)?.name ?? orgByParty.get(partyKey)?.organisationName ?? partyKey;
  const withRole = (role: string) => d.parties.filter((p) => (p.roles as string[]).includes(role));

  const metricIndex = new Map(d.metrics.map((m, i) => [m.key, i]));
  const metricId = (key: string): string | undefined => {
    const i = metricIndex.get(key);
    return i === undefined ? undefined : `outcomemetric${i + 1}`;
  };
  const metricRef = (key: string | undefined): { outcome_metric_id?: V<string> } => {
    const id = key === undefined ? undefined : metricId(key);
    return id ? { outcome_metric_id: { value: id } } : {};
  };
  const metricByKey = new Map(d.metrics.map((m) => [m.key, m]));
  const metricName = (key: string): string => metricByKey.get(key)?.name ?? key;

  const ruleByKey = new Map(d.pricing.map((r) => [r.key, r]));
  const investorIndex = new Map(d.investors.map((inv, i) => [inv.party, i]));
  const investorTerms = new Map(d.investors.map((inv) => [inv.party, inv]));
  const isCapital = (party: string) => {
    const s = investorTerms.get(party)?.seniority;
    return s !== undefined && s !== 'guarantee';
  };

  const cohortByKey = new Map(d.cohorts.map((c) => [c.key, c]));
  const periodByKey = new Map(d.periods.map((p) => [p.key, p]));
  const scopeRange = (scope: string | null | undefined): { start: string; end: string } | undefined => {
    if (!scope) return undefined;
    const c = cohortByKey.get(scope);
    if (c) return { start: c.enrolment.start, end: c.enrolment.end };
    const p = periodByKey.get(scope);
    if (p) return { start: p.start, end: p.end };
    return undefined;
  };
  const periodOf = (range: { start: string; end: string }) => ({
    start_date: { value: range.start },
    end_date: { value: range.end },
  });

  // ---- money --------------------------------------------------------------------------------
  const num = (amount: Decimal | string): number => {
    const n = Number(typeof amount === 'string' ? amount : amount.toString());
    if (!Number.isFinite(n)) throw new Error(`INDIGO export: amount ${String(amount)} is not a finite number`);
    return n;
  };
  const words = (amount: Decimal | string): string => `${currency} ${formatAmount(amount, currency)}`;
  const money = (amount: Decimal | string, cur: string = currency): IndigoMoney => ({
    currency: { value: cur },
    amount: { value: num(amount) },
  });
  const moneyVS = (amount: Decimal | string): MoneyVS => ({
    currency: { value: currency, status: PUBLIC },
    amount: { value: num(amount), status: PUBLIC },
  });
  const pct = (fraction: Decimal | string): string => `${dec(fraction).times(100).toString()}%`;
  const pctRounded = (fraction: Decimal, places: number): string => `${fraction.times(100).toDecimalPlaces(places).toString()}%`;
  const total = (amounts: Iterable<string>): Decimal => sum([...amounts].map((a) => dec(a)));

  // ---- status, dates ------------------------------------------------------------------------
  const spans = [
    ...d.cohorts.map((c) => ({ start: c.enrolment.start, end: c.enrolment.end })),
    ...d.periods.map((p) => ({ start: p.start, end: p.end })),
  ];
  const serviceStart = spans.map((s) => s.start).reduce(minDate);
  const serviceEnd = spans.map((s) => s.end).reduce(maxDate);
  const terminated = input.status === 'terminated';
  const terminatedOn = terminated ? input.terminatedOn : null;
  const resultType: ResultType = terminated ? 'Final' : 'Interim';

  let stage: StageDevelopment;
  if (input.status === 'draft') stage = 'Late-stage design';
  else if (terminated) stage = 'Complete';
  else if (asOf < serviceStart) stage = 'Contracted';
  else if (asOf > serviceEnd) stage = 'Service delivery complete';
  else stage = 'Implementation';

  const activatedOn = input.activatedAt ? dateInZone(new Date(input.activatedAt), d.evaluation.timeZone) : null;
  const dates: IndigoDates = {
    ...(activatedOn && {
      outcomes_contract_signed: { value: activatedOn, status: PUBLIC },
      contracts_between_all_parties_signed: { value: activatedOn, status: PUBLIC },
    }),
    anticipated_completion_date: { value: d.term.end, status: PUBLIC },
    ...(terminatedOn && { actual_completion_date: { value: terminatedOn, status: PUBLIC } }),
    start_date_of_service_provision: { value: serviceStart, status: PUBLIC },
    anticipated_end_date_of_service_provision: { value: serviceEnd, status: PUBLIC },
    ...(terminatedOn && {
      actual_end_date_of_service_provision: { value: minDate(terminatedOn, serviceEnd), status: PUBLIC },
    }),
    notes:
      `Contract term ${d.term.start} to ${d.term.end}. Signature dates are the date every required party approved ` +
      `the terms in Outcome Ledger. Service provision dates run from the first cohort enrolment (or period) start to ` +
      `the last cohort enrolment (or period) end.` +
      (terminatedOn ? ` The contract was closed on ${terminatedOn}${input.terminationReason ? `: ${input.terminationReason}` : ''}.` : ''),
  };

  // ---- alterations (amendments in force, termination) ----------------------------------------
  const amendments = input.amendments.filter((a) => a.inForceAt !== null).sort((a, b) => a.number - b.number);
  const alterationLines = amendments.map(
    (a) => `Amendment ${a.number} (in force ${a.inForceAt!.slice(0, 10)}): ${a.description ?? 'terms amended'}`,
  );
  const reasonLines = amendments.filter((a) => a.reason).map((a) => `Amendment ${a.number}: ${a.reason}`);
  if (terminatedOn) {
    alterationLines.push(`Contract closed on ${terminatedOn}`);
    if (input.terminationReason) reasonLines.push(`Closure: ${input.terminationReason}`);
  }
  const alteration = alterationLines.length > 0
    ? { description: alterationLines.join('; '), reason: reasonLines.length > 0 ? reasonLines.join('; ') : undefined }
    : undefined;

  // ---- who receives payments and capital -----------------------------------------------------
  const firstIntermediary = withRole('intermediary')[0]?.key;
  const firstOperator = withRole('operator')[0]?.key;
  const paymentRecipient = paymentRecipientOf(d);
  const explicitNonInvestor = d.distribution.paymentRecipient && !investorTerms.has(d.distribution.paymentRecipient)
    ? d.distribution.paymentRecipient
    : undefined;
  const capitalRecipient = explicitNonInvestor ?? firstIntermediary ?? firstOperator;
  const validators = withRole('validator').length > 0 ? withRole('validator') : withRole('evaluator');
  const validatorIds = validators.filter((p) => orgByParty.has(p.key)).map((p) => org(p.key).value);

  // ---- overall finance -----------------------------------------------------------------------
  const capitalInvestors = d.investors.filter((inv) => inv.seniority !== 'guarantee');
  const totalCommitment = total(capitalInvestors.map((inv) => inv.commitment));
  const maximumOutcomePayment = d.maximumOutcomePayment ? dec(d.maximumOutcomePayment) : total(d.payers.map((p) => p.maximumCommitment));
  const totalSettled = total(input.settlements.map((s) => s.amount));
  const totalDrawn = total(input.drawdowns.filter((dd) => isCapital(dd.investorParty)).map((dd) => dd.amount));

  const capDescriptions = capitalInvestors
    .filter((inv) => inv.seniority !== 'grant' && inv.returnCap)
    .map((inv) => ({
      kind: inv.returnCap!.kind,
      text: inv.returnCap!.kind === 'irr' ? pct(inv.returnCap!.annualRate) : `money multiple ${inv.returnCap!.multiple}x`,
      name: partyName(inv.party),
    }));
  const distinctCaps = [...new Set(capDescriptions.map((c) => c.text))];
  const allIrr = capDescriptions.length > 0 && capDescriptions.every((c) => c.kind === 'irr');
  const returnText = distinctCaps.length === 1 ? (allIrr ? distinctCaps[0]! : `${distinctCaps[0]!} (total, not annualised)`)
    : capDescriptions.map((c) => `${c.kind === 'irr' ? `IRR ${c.text}` : c.text} (${c.name})`).join('; ');

  // Investor repayment, capital vs return, from drawdowns and distributions.
  const drawnBy = (party: string, upTo?: string) =>
    total(input.drawdowns.filter((dd) => dd.investorParty === party && (upTo === undefined || dd.drawnOn <= upTo)).map((dd) => dd.amount));
  const investorDistributions = input.distributions.filter((x) => x.role === 'investor');
  const receivedBy = (party: string) => total(investorDistributions.filter((x) => x.recipientParty === party).map((x) => x.amount));
  const repayment = (party: string): InvestorRepayment | undefined => {
    const drawn = drawnBy(party);
    const received = receivedBy(party);
    if (drawn.isZero() && received.isZero()) return undefined;
    if (received.isZero()) return 'No repayment (no principle or return)';
    if (received.lt(drawn)) return 'Some repayment (but below value of principle)';
    if (received.eq(drawn)) return 'Principal repaid (but no net return)';
    return 'Principal + positive financial returns';
  };
  const repayments = terminated
    ? d.investors
      .filter((inv) => inv.seniority === 'senior' || inv.seniority === 'subordinate')
      .map((inv) => ({ name: partyName(inv.party), value: repayment(inv.party) }))
      .filter((r): r is { name: string; value: InvestorRepayment } => r.value !== undefined)
    : [];
  const distinctRepayments = [...new Set(repayments.map((r) => r.value))];

  const payerNames = d.payers.map((p) => partyName(p.party)).join(' and ');
  const recipientRoles = paymentRecipient ? (partyByKey.get(paymentRecipient)?.roles ?? []).join(', ') : '';

  const overall: IndigoProject['overall_project_finance'] = {
    total_investment_commitment: {
      currency: { value: currency, status: PUBLIC },
      amount: { exact: { value: num(totalCommitment), status: PUBLIC } },
    },
    maximum_potential_outcome_payment_v2: moneyVS(maximumOutcomePayment),
    ...(allIrr && { maximum_potential_return_type: { value: 'IRR', status: PUBLIC } }),
    ...(capDescriptions.length > 0 && { maximum_potential_return: { value: returnText, status: PUBLIC } }),
    ...(paymentRecipient && {
      configuration_contracting_parties: {
        value: `Outcome payments are made by ${payerNames} to ${partyName(paymentRecipient)} (role: ${recipientRoles}), the holder of the outcomes contract.`,
        status: PUBLIC,
      },
    }),
    ...(distinctRepayments.length > 0 && {
      investor_repayment: {
        value: distinctRepayments.length === 1 ? distinctRepayments[0]! : repayments.map((r) => `${r.name}: ${r.value}`).join('; '),
        status: PUBLIC,
      },
    }),
    total_outcome_payments_made: moneyVS(totalSettled),
    notes:
      (d.maximumOutcomePayment
        ? 'Maximum potential outcome payment: the contract cap (maximumOutcomePayment).'
        : 'Maximum potential outcome payment: the sum of the outcome payers\' maximum commitments (the contract sets no separate cap).') +
      ' Total investment commitment: capital committed by investors (lenders and grant-makers); guarantees are not included.' +
      ' Total outcome payments made: the sum of recorded settlements.' +
      (capDescriptions.length > 0 ? ' Maximum potential return: the investors\' return caps.' : ''),
  };

  // ---- sources ----------------------------------------------------------------------------------
  const LEDGER_SOURCE = 'source1';
  const sources: IndigoSource[] = [
    {
      id: LEDGER_SOURCE,
      name: { value: `Outcome Ledger contract ${input.projectId} (${input.reference})` },
      type: { value: 'Outcome Ledger contract record' },
      accessed_date: { value: asOf },
      notes: 'Terms, parties, obligations, settlements, drawdowns, distributions and validated results as recorded in Outcome Ledger.',
      status: PUBLIC,
    },
    ...(d.source?.urls ?? []).map((url, i): IndigoSource => ({
      id: `source${i + 2}`,
      name: { value: hostOf(url) },
      type: { value: 'Published source' },
      url: { value: url },
      status: PUBLIC,
    })),
  ];

  // ---- parties ----------------------------------------------------------------------------------
  const serviceProvisions: IndigoProject['service_provisions'] = withRole('operator').map((p, i) => ({
    id: `serviceprovision${i + 1}`,
    organisation_id: org(p.key),
    intervention: { value: d.title },
    planned_service: { start_date: { value: serviceStart }, end_date: { value: serviceEnd } },
    ...(terminatedOn && { actual_service: { end_date: { value: minDate(terminatedOn, serviceEnd) } } }),
    ...(alteration && {
      alterations: {
        description: { value: alteration.description },
        ...(alteration.reason && { reason: { value: alteration.reason } }),
      },
    }),
    notes: `${p.name} (party "${p.key}", operator).`,
    status: PUBLIC,
  }));

  const ruleShares = (party: string): string[] =>
    d.pricing.flatMap((r) => {
      if (!r.payers) return d.payers.length === 1 ? [`all of rule "${r.key}"`] : [];
      const share = r.payers.find((s) => s.party === party);
      return share ? [`${pct(share.share)} of rule "${r.key}"`] : [];
    });
  const commitments: IndigoProject['outcome_payment_commitments'] = d.payers.map((p) => ({
    organisation_id: org(p.party),
    maximum_potential_outcome_payment: { currency: { value: currency, status: PUBLIC }, amount: { value: num(p.maximumCommitment) } },
    period: periodOf(d.term),
    total_outcome_payments: {
      currency: { value: currency, status: PUBLIC },
      amount: { value: num(total(input.settlements.filter((s) => s.payerParty === p.party).map((s) => s.amount))) },
    },
    ...(alteration && {
      alterations: {
        description: { value: alteration.description, status: PUBLIC },
        ...(alteration.reason && { reason: { value: alteration.reason, status: PUBLIC } }),
      },
    }),
    notes:
      `${partyName(p.party)} (party "${p.party}"). Maximum commitment ${words(p.maximumCommitment)}; pays ${ruleShares(p.party).join(', ') || 'no rule share'}. ` +
      'Total outcome payments: settlements recorded from this payer.',
    status: PUBLIC,
  }));

  const investments: IndigoInvestment[] = d.investors.map((inv, i) => {
    const cap = inv.returnCap;
    const kindWords = {
      senior: 'Senior debt: repaid before subordinate lenders.',
      subordinate: 'Subordinate debt: repaid after senior lenders.',
      grant: 'Grant: not repaid (the standard\'s investment_type codelist has no grant value, so it is left out).',
      guarantee:
        'Guarantee: pays out only on a shortfall; not upfront capital, so it is not counted in the total investment commitment (the standard\'s investment_type codelist has no guarantee value, so it is left out).',
    }[inv.seniority];
    const tranches = inv.tranches.map((t) => `${t.key} ${words(t.amount)} planned ${t.plannedDate}`).join('; ');
    const repaid = terminated && (inv.seniority === 'senior' || inv.seniority === 'subordinate') ? repayment(inv.party) : undefined;
    return {
      id: `investment${i + 1}`,
      organisation_id: org(inv.party),
      investment_commitment: { currency: { value: currency }, amount: { exact: { value: num(inv.commitment) } } },
      ...(cap?.kind === 'irr' && {
        maximum_potential_return_type: { value: 'IRR' as const },
        maximum_potential_return: { value: num(dec(cap.annualRate).times(100)) },
      }),
      ...(cap?.kind === 'multiple' && { maximum_potential_return: { value: num(dec(cap.multiple).minus(1).times(100)) } }),
      ...(repaid && { investor_repayment: { value: repaid } }),
      ...((inv.seniority === 'senior' || inv.seniority === 'subordinate') && { investment_type: { value: 'Debt' as const } }),
      notes:
        `${partyName(inv.party)} (party "${inv.party}"). ${kindWords}` +
        (cap?.kind === 'irr' ? ` Return capped at an IRR of ${pct(cap.annualRate)} a year.` : '') +
        (cap?.kind === 'multiple'
          ? ` Return capped at a money multiple of ${cap.multiple}x (maximum_potential_return is the total return in percent, not annualised; the standard's return types have no money multiple).`
          : '') +
        (tranches ? ` Planned tranches: ${tranches}.` : ''),
      status: PUBLIC,
    };
  });

  const intermediaries: IndigoProject['intermediary_services'] = withRole('intermediary').map((p) => ({
    organisation_id: org(p.key),
    organisation_role_category: { value: 'Other' },
    other_role_description: {
      value: p.key === paymentRecipient ? 'Holds the outcomes contract and receives the outcome payments' : 'Intermediary',
    },
    notes: `${p.name} (party "${p.key}").`,
    status: PUBLIC,
  }));

  // ---- metrics and pricing ----------------------------------------------------------------------
  const sector = policySectors[d.policyArea];
  const rulesFor = (metric: string) => d.pricing.filter((r) => ruleMetrics(r).includes(metric));
  const outcomeMetrics: IndigoOutcomeMetric[] = d.metrics.map((m, i) => {
    const rules = rulesFor(m.key);
    const targets = rules.flatMap((r) => metricTargets(r, m, pct));
    return {
      id: `outcomemetric${i + 1}`,
      definition: { value: m.description ? `${m.name}: ${m.description}` : m.name },
      ...(targets.length > 0 && { outcome_metric_target: { value: targets.join('; ') } }),
      outcome_validation_method: { value: validationMethods[m.validationMethod] },
      data_source_for_outcome_validation: {
        value: m.evidenceRequired.length > 0 ? m.evidenceRequired.join('; ') : validationWords[m.validationMethod],
      },
      ...(sector && { policy_sector: { value: sector } }),
      notes:
        `Metric "${m.key}". Unit: ${m.unit}${m.scale ? ` (per ${m.scale} participants)` : ''}; ` +
        `${m.direction === 'decrease' ? 'lower' : 'higher'} is better; ` +
        `${m.level === 'participant' ? 'one claim per participant and outcome' : 'one result per cohort or period'}; ` +
        `validation: ${validationWords[m.validationMethod]}. ` +
        (rules.length > 0 ? `Priced by rule ${rules.map((r) => `"${r.key}"`).join(', ')}.` : 'Not priced (used for information or to reset sustainment clocks).'),
      status: PUBLIC,
    };
  });

  const increases = indexationWords(d, pct);
  const scopeCount = (r: { scope: 'cohort' | 'period'; scopes?: string[] | undefined }) =>
    r.scopes?.length ?? (r.scope === 'cohort' ? d.cohorts.length : d.periods.length);
  const scopeWords = (r: { scope: 'cohort' | 'period'; scopes?: string[] | undefined }) =>
    `each ${r.scope} (${(r.scopes ?? (r.scope === 'cohort' ? d.cohorts : d.periods).map((s) => s.key)).join(', ')})`;
  const commonWords = (r: PricingRule): string => {
    const parts: string[] = [];
    if (r.cap?.total) parts.push(`the rule pays at most ${words(r.cap.total)} in all`);
    if (r.cap?.perScope) parts.push(`at most ${words(r.cap.perScope)} per cohort or period`);
    const payers = r.payers
      ? r.payers.map((s) => `${partyName(s.party)} ${pct(s.share)}`).join(', ')
      : d.payers.map((p) => partyName(p.party)).join(', ');
    parts.push(`paid by ${payers}`);
    return parts.join('; ');
  };
  /** Smallest of the rule's caps and a natural maximum, for maximum_price_if_all_targets_achieved. */
  const ruleMaximum = (r: PricingRule, scopes: number, perScopeNatural?: Decimal): Decimal | undefined => {
    const candidates: Decimal[] = [];
    if (r.cap?.total) candidates.push(dec(r.cap.total));
    let perScope = perScopeNatural;
    if (r.cap?.perScope) perScope = perScope ? minOf(perScope, dec(r.cap.perScope)) : dec(r.cap.perScope);
    if (perScope && scopes > 0) candidates.push(perScope.times(scopes));
    return candidates.length > 0 ? candidates.reduce(minOf) : undefined;
  };
  const pricing = (
    r: PricingRule, metric: string, description: string, unitPrice?: string, maximum?: Decimal,
  ): IndigoOutcomePricing => ({
    outcome_metric_id: { value: metricId(metric)! },
    currency: { value: currency },
    ...(unitPrice && { price_per_unit: { amount: { value: num(unitPrice) } } }),
    ...(maximum && { maximum_price_if_all_targets_achieved: { amount: { value: formatAmount(maximum, currency) } } }),
    contracted_increases_to_outcome_pricing: { value: increases },
    price_description: { value: `${description}; ${commonWords(r)}.` },
    notes: `Rule "${r.key}" (${r.kind})${r.name ? `: ${r.name}` : ''}.`,
    status: PUBLIC,
  });
  const measureWords = (measure: string, metric: string): string =>
    ({
      relative_improvement: `relative improvement of "${metricName(metric)}" over the comparison value`,
      absolute_improvement: `absolute improvement of "${metricName(metric)}" over the comparison value`,
      units_improved: `units of "${metricName(metric)}" improved (improvement x sample size / scale)`,
      value: `value of "${metricName(metric)}"`,
      achievement: `achievement of "${metricName(metric)}" against its target`,
    })[measure] ?? measure;
  const level = (measure: string, v: string) => measureLevel(measure, v, pct);

  const outcomePricings: IndigoOutcomePricing[] = d.pricing.flatMap((r): IndigoOutcomePricing[] => {
    switch (r.kind) {
      case 'rate_card':
        return r.outcomes.map((o) => {
          const parts = [
            `${words(o.price)} per participant achieving "${metricName(o.metric)}"`,
            `claimable ${o.maxClaimsPerParticipant === 1 ? 'once' : `up to ${o.maxClaimsPerParticipant} times`} per participant`,
          ];
          if (o.requires.length > 0) parts.push(`only after ${o.requires.map((k) => `"${metricName(k)}"`).join(' and ')}`);
          if (o.sustainment) {
            parts.push(
              `paid once held for ${o.sustainment.months} months from "${metricName(o.sustainment.clockStart)}"` +
                (o.sustainment.resetBy.length > 0 ? ` without "${o.sustainment.resetBy.map(metricName).join('" or "')}" (which resets the clock)` : ''),
            );
          }
          if (o.cap) parts.push(`at most ${words(o.cap)} for this outcome in all`);
          if (r.participantCap) parts.push(`the rate card pays at most ${words(r.participantCap)} per participant across its outcomes`);
          if (r.cohorts) parts.push(`cohorts ${r.cohorts.join(', ')}`);
          return pricing(r, o.metric, parts.join('; '), o.price, o.cap ? dec(o.cap) : undefined);
        });
      case 'counterfactual_threshold': {
        const m = metricByKey.get(r.metric);
        const parts = [
          `${words(r.pricePerUnit)} per unit improved ("${m?.unit ?? r.metric}" improvement x treatment sample size / ${m?.scale ?? '1'}) ` +
            `for each cohort (${r.cohorts.join(', ')}) at least ${pct(r.cohortThreshold)} better than its comparison group`,
        ];
        if (r.pooled) {
          parts.push(
            `otherwise, once every pooled cohort (${(r.pooled.cohorts ?? r.cohorts).join(', ')}) has a result, a pooled improvement ` +
              `of at least ${pct(r.pooled.threshold)} pays the units improved x the price, less what the rule already paid`,
          );
        }
        return [pricing(r, r.metric, parts.join('; '), r.pricePerUnit, ruleMaximum(r, r.cohorts.length))];
      }
      case 'tiered': {
        const highest = r.tiers.map((t) => dec(t.amount)).reduce(maxOf);
        const description =
          `A fixed amount for ${scopeWords(r)} by ${measureWords(r.measure, r.metric)}: ` +
          r.tiers.map((t) => `at least ${level(r.measure, t.atLeast)} pays ${words(t.amount)}`).join(', ') +
          '; the highest tier reached pays (not the sum)';
        return [pricing(r, r.metric, description, undefined, ruleMaximum(r, scopeCount(r), highest))];
      }
      case 'linear': {
        const description =
          `For ${scopeWords(r)}: nothing while the ${measureWords(r.measure, r.metric)} is below ${level(r.measure, r.floor)}; ` +
          `above it, ${words(r.pricePerUnit)} per ${r.unitSize} of the measure ` +
          (r.paysFrom === 'floor' ? 'above the floor' : 'counted from zero');
        return [pricing(r, r.metric, description, r.pricePerUnit, ruleMaximum(r, scopeCount(r)))];
      }
      case 'volume_banded': {
        let from = 0;
        const bands = r.bands.map((b) => {
          const text = b.upTo === undefined
            ? `${from === 0 ? 'every' : `beyond ${from}:`} ${words(b.price)} each`
            : `outcomes ${from + 1} to ${b.upTo}: ${words(b.price)} each`;
          if (b.upTo !== undefined) from = b.upTo;
          return text;
        });
        const description =
          `Price per "${metricName(r.metric)}" outcome by how many were reached so far, in order of achievement: ${bands.join('; ')}; ` +
          `claimable ${r.maxClaimsPerParticipant === 1 ? 'once' : `up to ${r.maxClaimsPerParticipant} times`} per participant` +
          (r.cohorts ? `; cohorts ${r.cohorts.join(', ')}` : '');
        const single = r.bands.length === 1 ? r.bands[0]!.price : undefined;
        return [pricing(r, r.metric, description, single, ruleMaximum(r, r.cohorts?.length ?? d.cohorts.length))];
      }
      case 'savings_share': {
        const threshold = 'amount' in r.threshold
          ? words(r.threshold.amount)
          : `the total investor commitment plus simple interest at ${pct(r.threshold.principalPlusInterest.annualRate)} a year`;
        const description =
          `For ${scopeWords(r)}: ${pct(r.initialShare)} of the measured savings ("${metricName(r.metric)}") until payments under ` +
          `this rule reach ${threshold}, then ${pct(r.subsequentShare)}`;
        return [pricing(r, r.metric, description, undefined, ruleMaximum(r, scopeCount(r)))];
      }
      case 'weighted_composite': {
        const scopes = scopeCount(r);
        return r.components.map((c) => {
          const others = r.components.filter((o) => o !== c).map((o) => `"${metricName(o.metric)}" ${pct(o.weight)}`);
          const description =
            `Weighted composite for ${scopeWords(r)}: "${metricName(c.metric)}" counts for ${pct(c.weight)} of the weighted achievement, ` +
            `measured against ${c.target ? `a target of ${c.target} ${metricByKey.get(c.metric)?.unit ?? ''}`.trimEnd() : 'the comparison value'}` +
            (c.maxAchievement ? ` (achievement capped at ${pct(c.maxAchievement)})` : '') +
            (others.length > 0 ? `; other components: ${others.join(', ')}` : '') +
            `; the rule pays ${words(r.paymentAtFullAchievement)} at 100% weighted achievement, in proportion to achievement` +
            (r.minimumAchievement ? `, nothing below ${pct(r.minimumAchievement)}` : '') +
            `; this component is worth ${words(dec(r.paymentAtFullAchievement).times(c.weight))} at target`;
          const atTarget = dec(r.paymentAtFullAchievement).times(c.weight).times(scopes);
          const maximum = r.cap?.total ? minOf(atTarget, dec(r.cap.total)) : atTarget;
          return pricing(r, c.metric, description, undefined, maximum);
        });
      }
    }
  });

  // ---- transactions -------------------------------------------------------------------------------
  const obligationById = new Map(input.obligations.map((o) => [o.id, o]));
  const settlementById = new Map(input.settlements.map((s) => [s.id, s]));
  const ruleMetric = (ruleKey: string | undefined): string | undefined => {
    const rule = ruleKey === undefined ? undefined : ruleByKey.get(ruleKey);
    const metrics = rule ? ruleMetrics(rule) : [];
    return metrics.length === 1 ? metrics[0] : undefined;
  };

  const drawdownTransactions = input.drawdowns.map((dd): IndigoTransaction => {
    const inv = investorTerms.get(dd.investorParty);
    const type: TransactionType = inv?.seniority === 'grant' ? 'Grant'
      : inv?.seniority === 'senior' || inv?.seniority === 'subordinate' ? 'Debt' : 'Other';
    const i = investorIndex.get(dd.investorParty);
    return {
      ...(i !== undefined && { investment_id: { value: `investment${i + 1}` } }),
      date: { value: dd.drawnOn },
      sending_organisation_id: org(dd.investorParty),
      ...(capitalRecipient && { receiving_organisation_id: org(capitalRecipient) }),
      transaction_type: { value: type },
      money: money(dd.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Drawdown ${dd.id}${dd.tranche ? ` (tranche ${dd.tranche})` : ''}` +
        (inv?.seniority === 'guarantee' ? ': guarantee payout' : '') + '.',
      status: PUBLIC,
    };
  });

  const settlementTransactions = input.settlements.map((s): IndigoTransaction => {
    const obligation = obligationById.get(s.obligationId);
    return {
      ...metricRef(ruleMetric(obligation?.ruleKey)),
      date: { value: s.settledOn },
      sending_organisation_id: org(s.payerParty),
      receiving_organisation_id: org(s.recipientParty),
      transaction_type: { value: 'Outcome Payment' },
      money: money(s.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Settlement ${s.id} of obligation ${s.obligationId}` +
        (obligation ? ` (rule "${obligation.ruleKey}", ${obligation.scope})` : '') + (s.reference ? `, reference ${s.reference}` : '') + '.',
      status: PUBLIC,
    };
  });

  // Capital first, then return: what an investor receives counts as capital until the capital it
  // has drawn so far (drawdowns up to the distribution date) is repaid, as in the capital stack.
  const received = new Map<string, Decimal>();
  const split = new Map<string, { capital: Decimal; interest: Decimal }>();
  const byDate = [...investorDistributions].map((x, i) => ({ x, i })).sort((a, b) => a.x.date.localeCompare(b.x.date) || a.i - b.i);
  for (const { x } of byDate) {
    const before = received.get(x.recipientParty) ?? ZERO;
    const outstanding = maxOf(ZERO, drawnBy(x.recipientParty, x.date).minus(before));
    const amount = dec(x.amount);
    const capital = minOf(amount, outstanding);
    split.set(x.id, { capital, interest: amount.minus(capital) });
    received.set(x.recipientParty, before.plus(amount));
  }
  // Zero lines (grants and guarantees get a 0 line in the capital stack) move no money: left out.
  const distributionTransactions = input.distributions.filter((x) => !dec(x.amount).isZero()).map((x: IndigoDistributionInput): IndigoTransaction => {
    const settlement = settlementById.get(x.settlementId);
    const sender = settlement?.recipientParty ?? paymentRecipient;
    if (!sender) throw new Error(`INDIGO export: distribution ${x.id} has no settlement and the contract no payment recipient`);
    let type: TransactionType = 'Other';
    let what: string;
    const parts = split.get(x.id);
    if (x.role === 'investor' && parts && isCapital(x.recipientParty) && investorTerms.get(x.recipientParty)?.seniority !== 'grant') {
      type = parts.interest.isZero() ? 'Capital Repayment' : parts.capital.lte(0) ? 'Interest Payment' : 'Capital Repayment and Interest';
      what = `repayment to an investor: capital ${words(parts.capital)}, return ${words(parts.interest)}`;
    } else if (x.role === 'operator') {
      what = 'performance bonus to the operator (outcome payment above the investors\' return caps)';
    } else if (x.role === 'outcome_payer') {
      what = 'surplus returned to the outcome payer (above the investors\' return caps)';
    } else {
      what = 'payment to an investor that is not repaid under the capital stack';
    }
    const i = x.role === 'investor' ? investorIndex.get(x.recipientParty) : undefined;
    return {
      ...(i !== undefined && { investment_id: { value: `investment${i + 1}` } }),
      date: { value: x.date },
      sending_organisation_id: org(sender),
      receiving_organisation_id: org(x.recipientParty),
      transaction_type: { value: type },
      money: money(x.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Distribution ${x.id} of settlement ${x.settlementId}: ${what}.`,
      status: PUBLIC,
    };
  });

  const transactions = [...drawdownTransactions, ...settlementTransactions, ...distributionTransactions]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.date.value.localeCompare(b.t.date.value) || a.i - b.i)
    .map(({ t }) => t);

  // ---- results -------------------------------------------------------------------------------------
  const validatorRef = validatorIds.length > 0 ? { outcomes_validator_organisation_ids: { value: validatorIds.join(',') } } : {};
  const compositeTargets = (metric: string): string[] =>
    d.pricing.flatMap((r) => (r.kind === 'weighted_composite' ? r.components.filter((c) => c.metric === metric && c.target).map((c) => c.target!) : []));

  const aggregateResults = input.results.map((r): IndigoResult => {
    const m = metricByKey.get(r.metric);
    const unit = m?.unit ?? '';
    let achieved: string;
    if (r.comparisonValue !== null) {
      const t = dec(r.treatmentValue);
      const c = dec(r.comparisonValue);
      achieved = `Treatment ${r.treatmentValue} vs comparison ${r.comparisonValue} ${unit}`.trimEnd();
      if (m && !c.isZero()) {
        const better = improvement(m, t, c).div(c);
        achieved += `: ${pctRounded(better.abs(), 1)} ${better.gte(0) ? 'better' : 'worse'} than the comparison group (${m.direction === 'decrease' ? 'lower' : 'higher'} is better)`;
      }
    } else {
      achieved = `${r.treatmentValue} ${unit}`.trimEnd();
      const targets = compositeTargets(r.metric);
      if (targets.length > 0) {
        achieved += ` (${targets.map((target) => `${pctRounded(dec(r.treatmentValue).div(target), 0)} of the target of ${target}`).join('; ')})`;
      }
    }
    const scopeKey = r.cohort ?? r.period;
    return {
      ...metricRef(r.metric),
      result_level: { value: 'Outcome level' },
      result_type: { value: resultType },
      period: periodOf(scopeRange(scopeKey) ?? { start: d.term.start, end: r.measuredOn }),
      outcomes_achieved: { value: `${metricName(r.metric)}: ${achieved}` },
      ...(r.treatmentSampleSize !== null && { number_engaged_in_impact_bond: { value: r.treatmentSampleSize } }),
      ...validatorRef,
      source_ids: LEDGER_SOURCE,
      notes: `Result ${r.id} for ${r.cohort ? `cohort "${r.cohort}"` : r.period ? `period "${r.period}"` : 'the contract'}, measured on ${r.measuredOn}; validated in Outcome Ledger.`,
      status: PUBLIC,
    };
  });

  const claimResults = input.claimSummary.map((c): IndigoResult => ({
    ...metricRef(c.metric),
    result_level: { value: 'Outcome level' },
    result_type: { value: resultType },
    period: periodOf(scopeRange(c.cohort) ?? d.term),
    outcomes_achieved: {
      value: `${metricName(c.metric)}: ${c.validated} validated outcome${c.validated === 1 ? '' : 's'} for ${c.participants} participant${c.participants === 1 ? '' : 's'}`,
    },
    number_with_positive_social_outcomes: { value: c.participants },
    ...validatorRef,
    source_ids: LEDGER_SOURCE,
    notes: `Validated participant-level claims of metric "${c.metric}" in cohort "${c.cohort}", as of ${asOf}.`,
    status: PUBLIC,
  }));

  // ---- outcome payments -----------------------------------------------------------------------------
  const paymentPeriod = (o: IndigoObligationInput | undefined) => periodOf(scopeRange(o?.scope) ?? d.term);
  const planned = input.obligations.map((o): IndigoOutcomePayment => ({
    ...metricRef(ruleMetric(o.ruleKey)),
    period: paymentPeriod(o),
    payer_organisation_id: org(o.payerParty),
    recipient_organisation_id: org(o.recipientParty),
    type: { value: 'Planned' },
    money: money(o.amount, o.currency),
    status: PUBLIC,
    source_ids: LEDGER_SOURCE,
    notes: `Obligation ${o.id} under rule "${o.ruleKey}" (${o.scope}), due ${o.dueOn}` + (dec(o.amount).isNegative() ? ' (an adjustment reducing earlier obligations)' : '') + '.',
  }));
  const actual = input.settlements.map((s): IndigoOutcomePayment => {
    const o = obligationById.get(s.obligationId);
    return {
      ...metricRef(ruleMetric(o?.ruleKey)),
      period: paymentPeriod(o),
      payer_organisation_id: org(s.payerParty),
      recipient_organisation_id: org(s.recipientParty),
      type: { value: 'Actual' },
      money: money(s.amount, o?.currency ?? currency),
      status: PUBLIC,
      source_ids: LEDGER_SOURCE,
      notes: `Settlement ${s.id} of obligation ${s.obligationId}, paid ${s.settledOn}${s.reference ? `, reference ${s.reference}` : ''}.`,
    };
  });

  // ---- beneficiaries, notes --------------------------------------------------------------------------
  const expected = d.cohorts.every((c) => c.expectedParticipants !== undefined)
    ? d.cohorts.reduce((n, c) => n + c.expectedParticipants!, 0)
    : undefined;
  const country = d.jurisdiction.slice(0, 2);
  const subdivision = d.jurisdiction.length > 2 ? d.jurisdiction : undefined;

  const notes = [
    `Exported from Outcome Ledger: contract ${input.projectId}, reference ${input.reference}, status ${input.status}, generated ${input.generatedAt}.`,
    'Organisation ids are Outcome Ledger organisation ids, not INDIGO-ORG ids.',
    'Money amounts are published as JSON numbers converted from exact decimal figures; the exact figures are available from the Outcome Ledger API.',
    ...(d.source?.notes ? [`Source notes: ${d.source.notes}`] : []),
    ...(d.assumptions.length > 0 ? [`Assumptions (terms that are assumed or illustrative rather than taken from the signed contract): ${d.assumptions.map((a, i) => `(${i + 1}) ${a}`).join(' ')}`] : []),
  ].join('\n');

  return {
    status: PUBLIC,
    name: { value: input.title },
    stage_development: { value: stage, status: PUBLIC },
    dates,
    jurisdiction: {
      jurisdiction: { value: country, status: PUBLIC },
      ...(subdivision && { notes: `ISO 3166-2 subdivision ${subdivision}.` }),
    },
    overall_project_finance: overall,
    investment_details: {
      total_funds_invested: {
        latest: { ...moneyVS(totalDrawn), date: { value: asOf, status: PUBLIC } },
      },
      notes: 'Total funds invested: capital drawn from investors (drawdowns recorded in Outcome Ledger) up to the date given; guarantee payouts are not included.',
    },
    purpose_and_classifications: {
      intervention: { value: d.title, status: PUBLIC },
      ...(sector && { policy_sector: { value: sector } }),
      ...(!sector && { notes: `Policy area "${d.policyArea}" has no equivalent in the standard's policy sector codelist.` }),
    },
    service_and_beneficiaries: {
      target_population: { value: d.cohorts.map((c) => c.name).join('; '), status: PUBLIC },
      ...(expected !== undefined && {
        targeted_number_service_users_or_beneficiaries_total: { value: expected, status: PUBLIC },
        unit_type_targeted_service_users_or_beneficiaries: { value: 'Individual' as const, status: PUBLIC },
        notes: 'Targeted number: the sum of the cohorts\' expected participants.',
      }),
    },
    notes: { value: notes, status: PUBLIC },
    sources,
    service_provisions: serviceProvisions,
    outcome_payment_commitments: commitments,
    investments,
    intermediary_services: intermediaries,
    outcome_metrics: outcomeMetrics,
    outcome_pricings: outcomePricings,
    transactions,
    results: [...aggregateResults, ...claimResults],
    outcome_payments: [...planned, ...actual],
  };
}

// ---- helpers ------------------------------------------------------------------------------------------

/** Our policy areas → the standard's policy_sector codelist ("other" has no equivalent). */
export const policySectors: Record<ContractDefinition['policyArea'], PolicySector | undefined> = {
  criminal_justice: 'Criminal justice',
  employment_and_training: 'Employment and training',
  homelessness: 'Homelessness',
  education: 'Education',
  child_and_family_welfare: 'Child and family welfare',
  health: 'Health',
  agriculture_and_environment: 'Agriculture and environment',
  poverty_reduction: 'Poverty reduction',
  other: undefined,
};

/** Our validation methods → the options the standard lists for outcome_validation_method. */
const validationMethods: Record<Metric['validationMethod'], string> = {
  randomised_controlled_trial: 'Randomised Control Trial',
  quasi_experimental: 'Quasi-experimental study',
  historical_baseline: 'Historical comparison',
  administrative_data: 'Simple ex-post verification',
  verified_evidence: 'Simple ex-post verification',
  validated_survey: 'Simple ex-post verification',
  self_reported: 'Simple ex-post verification',
};

const validationWords: Record<Metric['validationMethod'], string> = {
  randomised_controlled_trial: 'randomised controlled trial',
  quasi_experimental: 'quasi-experimental comparison',
  historical_baseline: 'comparison with a historical baseline',
  administrative_data: 'administrative data',
  verified_evidence: 'verified evidence',
  validated_survey: 'validated survey',
  self_reported: 'self-reported',
};

/** The metrics a rule prices, in the rule's order. */
export function ruleMetrics(rule: PricingRule): string[] {
  switch (rule.kind) {
    case 'rate_card':
      return rule.outcomes.map((o) => o.metric);
    case 'weighted_composite':
      return rule.components.map((c) => c.metric);
    default:
      return [rule.metric];
  }
}

function metricTargets(rule: PricingRule, metric: Metric, pct: (v: string) => string): string[] {
  switch (rule.kind) {
    case 'weighted_composite':
      return rule.components
        .filter((c) => c.metric === metric.key && c.target)
        .map((c) => `${c.target} ${metric.unit} (weight ${pct(c.weight)} in rule "${rule.key}")`);
    case 'counterfactual_threshold':
      return [
        `at least ${pct(rule.cohortThreshold)} better than the comparison group per cohort` +
          (rule.pooled ? `, or at least ${pct(rule.pooled.threshold)} pooled across cohorts` : ''),
      ];
    case 'tiered':
      return [`${measureLevel(rule.measure, rule.tiers[0]!.atLeast, pct)} or more (${rule.measure.replace(/_/g, ' ')}, lowest payment tier)`];
    case 'linear':
      return [`above ${measureLevel(rule.measure, rule.floor, pct)} (${rule.measure.replace(/_/g, ' ')}, the floor)`];
    default:
      return [];
  }
}

/** Relative improvement and achievement are ratios, shown in percent; other measures in their own unit. */
function measureLevel(measure: string, v: string, pct: (v: string) => string): string {
  return measure === 'relative_improvement' || measure === 'achievement' ? pct(v) : v;
}

function indexationWords(d: ContractDefinition, pct: (v: string) => string): string {
  const ix = d.indexation;
  if (!ix) return 'None: prices are fixed for the term.';
  if (ix.kind === 'annual_rate') {
    return `Unit prices and tier amounts rise by ${pct(ix.rate)} a year, compounded on each full year since ${ix.baseDate}, ` +
      'applied at the achievement date; caps are not indexed.';
  }
  return `Unit prices and tier amounts are multiplied by ${ix.steps.map((s) => `${s.factor} from ${s.effectiveFrom}`).join(', ')} ` +
    '(the latest step in effect at the achievement date applies); caps are not indexed.';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}
