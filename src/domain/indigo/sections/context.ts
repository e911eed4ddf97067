import type { Decimal } from 'decimal.js';
import type { ContractDefinition, PricingRule } from '../../contract/definition.ts';
import { paymentRecipient as paymentRecipientOf } from '../../contract/lifecycle.ts';
import { ZERO, dec, formatAmount, sum } from '../../money/money.ts';
import { dateInZone, maxDate, minDate } from '../../time/dates.ts';
import type { IndigoObligationInput, IndigoPartyInput, IndigoProjectInput, IndigoSettlementInput } from '../input.ts';
import type { IndigoMoney, IndigoStatus, InvestorRepayment, MoneyVS, ResultType, V } from '../types.ts';

/** The prefix of the stable local identifiers of organisations that declare none (see `organisationReference`). */
export const LOCAL_ID_PREFIX = 'XI-OUTCOMELEDGER-';

/**
 * How the export names an organisation: the identifier it declared from a registered list
 * (org-id.guide form, e.g. `GB-COH-09506232`), else a stable local identifier made of our
 * organisation id, `XI-OUTCOMELEDGER-<uuid>` (org-id form, but `XI-OUTCOMELEDGER` is not a list
 * registered at org-id.guide: a local identifier, as org-id calls ids assigned by one system).
 */
export const organisationReference = (p: Pick<IndigoPartyInput, 'organisationId' | 'identifier'>): string =>
  p.identifier ?? `${LOCAL_ID_PREFIX}${p.organisationId}`;

/** The one source every ledger-derived entry cites. */
export const LEDGER_SOURCE = 'source1';

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

export const minOf = (a: Decimal, b: Decimal): Decimal => (a.lte(b) ? a : b);
export const maxOf = (a: Decimal, b: Decimal): Decimal => (a.gte(b) ? a : b);

/**
 * Everything the sections share: lookups over the definition and the ledger, money and date
 * helpers, and facts several sections state (service dates, closure, alterations, who receives
 * payments and capital). Built once per export; pure.
 */
export function exportContext(input: IndigoProjectInput) {
  const d: ContractDefinition = input.definition;
  const currency = d.currency;
  const PUBLIC: IndigoStatus = 'PUBLIC';
  const asOf = dateInZone(new Date(input.generatedAt), d.evaluation.timeZone);
  const localDate = (instant: string) => dateInZone(new Date(instant), d.evaluation.timeZone);

  const orgByParty = new Map(input.parties.map((p) => [p.partyKey, p]));
  const partyByKey = new Map(d.parties.map((p) => [p.key, p]));
  const org = (partyKey: string): V<string> => {
    const bound = orgByParty.get(partyKey);
    if (!bound) throw new Error(`INDIGO export: party "${partyKey}" has no organisation in the input parties`);
    return { value: organisationReference(bound) };
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
  const ruleMetric = (ruleKey: string | undefined): string | undefined => {
    const rule = ruleKey === undefined ? undefined : ruleByKey.get(ruleKey);
    const metrics = rule ? ruleMetrics(rule) : [];
    return metrics.length === 1 ? metrics[0] : undefined;
  };
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
  const periodOf = (range: { start: string; end: string }) => ({ start_date: { value: range.start }, end_date: { value: range.end } });

  const num = (amount: Decimal | string): number => {
    const n = Number(typeof amount === 'string' ? amount : amount.toString());
    if (!Number.isFinite(n)) throw new Error(`INDIGO export: amount ${String(amount)} is not a finite number`);
    return n;
  };
  const words = (amount: Decimal | string): string => `${currency} ${formatAmount(amount, currency)}`;
  const money = (amount: Decimal | string, cur: string = currency): IndigoMoney => ({ currency: { value: cur }, amount: { value: num(amount) } });
  const moneyVS = (amount: Decimal | string): MoneyVS => ({
    currency: { value: currency, status: PUBLIC },
    amount: { value: num(amount), status: PUBLIC },
  });
  const pct = (fraction: Decimal | string): string => `${dec(fraction).times(100).toString()}%`;
  const pctRounded = (fraction: Decimal, places: number): string => `${fraction.times(100).toDecimalPlaces(places).toString()}%`;
  const total = (amounts: Iterable<string>): Decimal => sum([...amounts].map((a) => dec(a)));

  const spans = [
    ...d.cohorts.map((c) => ({ start: c.enrolment.start, end: c.enrolment.end })),
    ...d.periods.map((p) => ({ start: p.start, end: p.end })),
  ];
  const serviceStart = spans.map((s) => s.start).reduce(minDate);
  const serviceEnd = spans.map((s) => s.end).reduce(maxDate);
  const terminated = input.status === 'terminated';
  const terminatedOn = terminated ? input.terminatedOn : null;
  const resultType: ResultType = terminated ? 'Final' : 'Interim';

  // Alterations: amendments in force, and the closure.
  const amendments = input.amendments.filter((a) => a.inForceAt !== null).sort((a, b) => a.number - b.number);
  const alterationLines = amendments.map((a) => `Amendment ${a.number} (in force ${a.inForceAt!.slice(0, 10)}): ${a.description ?? 'terms amended'}`);
  const reasonLines = amendments.filter((a) => a.reason).map((a) => `Amendment ${a.number}: ${a.reason}`);
  if (terminatedOn) {
    alterationLines.push(`Contract closed on ${terminatedOn}`);
    if (input.terminationReason) reasonLines.push(`Closure: ${input.terminationReason}`);
  }
  const alteration = alterationLines.length > 0
    ? { description: alterationLines.join('; '), reason: reasonLines.length > 0 ? reasonLines.join('; ') : undefined }
    : undefined;

  // Who receives outcome payments and capital.
  const firstIntermediary = withRole('intermediary')[0]?.key;
  const firstOperator = withRole('operator')[0]?.key;
  const paymentRecipient = paymentRecipientOf(d);
  const explicitNonInvestor = d.distribution.paymentRecipient && !investorTerms.has(d.distribution.paymentRecipient)
    ? d.distribution.paymentRecipient
    : undefined;
  const capitalRecipient = explicitNonInvestor ?? firstIntermediary ?? firstOperator;
  const validators = withRole('validator').length > 0 ? withRole('validator') : withRole('evaluator');
  const validatorIds = validators.filter((p) => orgByParty.has(p.key)).map((p) => org(p.key).value);

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

  const obligationById = new Map<string, IndigoObligationInput>(input.obligations.map((o) => [o.id, o]));
  const settlementById = new Map<string, IndigoSettlementInput>(input.settlements.map((s) => [s.id, s]));

  return {
    input, d, currency, PUBLIC, asOf, localDate,
    orgByParty, partyByKey, org, partyName, withRole,
    metricId, metricRef, metricByKey, metricName, ruleByKey, ruleMetric,
    investorIndex, investorTerms, isCapital, scopeRange, periodOf,
    num, words, money, moneyVS, pct, pctRounded, total, ZERO,
    serviceStart, serviceEnd, terminated, terminatedOn, resultType, alteration,
    paymentRecipient, capitalRecipient, validatorIds,
    drawnBy, investorDistributions, repayment, obligationById, settlementById,
  };
}

export type ExportContext = ReturnType<typeof exportContext>;
