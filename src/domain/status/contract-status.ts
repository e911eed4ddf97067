import type { ContractDefinition, Metric } from '../contract/definition.ts';
import { improvement } from '../engine/measure.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec, dec, formatAmount, ZERO } from '../money/money.ts';
import { distribute } from '../returns/capital-stack.ts';
import { moneyMultiple } from '../returns/multiple.ts';
import { projectReturns } from '../returns/projection.ts';
import { capacity, describeCap } from '../returns/return-cap.ts';
import { stackInvestors, surplusOf } from '../returns/stack-input.ts';
import { RATE_SIGNIFICANT_DIGITS, xirr } from '../returns/xirr.ts';
import type { IsoDate } from '../time/dates.ts';
import { type AccountBalance, type Reconciliation, reconcile } from '../ledger/accounts.ts';

/**
 * The repayment status of a contract, computed from what is recorded: capital committed and
 * drawn, outcomes against scenarios, obligations triggered, settled, outstanding and overdue,
 * headroom under every cap, and each investor's repayments, money multiple and IRR to date and
 * projected under each scenario. Pure: every figure is a function of the inputs.
 */

export interface StatusInput {
  today: IsoDate;
  definition: ContractDefinition;
  drawdowns: readonly { investor: string; date: IsoDate; amount: string }[];
  obligations: readonly { id: string; lineKey: string; ruleKey: string; scope: string; payer: string; recipient: string; amount: string; dueOn: IsoDate }[];
  settlements: readonly { obligationId: string; amount: string; settledOn: IsoDate }[];
  distributions: readonly { recipient: string; role: string; amount: string; date: IsoDate }[];
  claimCounts: readonly { metric: string; cohort: string; validated: number; participants: number }[];
  latestResults: readonly { metric: string; cohort: string | null; period: string | null; measuredOn: IsoDate; treatmentValue: string; comparisonValue: string | null }[];
  /** Total the contract would pay under each scenario (engine forecast of the definition's scenarios). */
  scenarioTotals: readonly { key: string; name: string; total: string }[];
}

const money = (value: Dec, currency: string) => formatAmount(value.toDecimalPlaces(minorUnits(currency), Dec.ROUND_HALF_EVEN), currency);
const rate = (value: Dec | null) => (value === null ? null : value.toSignificantDigits(RATE_SIGNIFICANT_DIGITS).toString());

type ObligationState = Omit<AccountBalance, 'payer' | 'recipient'>;

/**
 * Obligations reconciled per account (payer, recipient; see domain/ledger/accounts.ts), added up
 * over the accounts `filter` keeps: `outstanding = triggered − settled − credits`, negative when
 * more was paid than is owed (that balance is `owedBack`).
 */
function obligationState(ledger: Reconciliation, filter: (a: AccountBalance) => boolean): ObligationState {
  const state: ObligationState = { triggered: ZERO, credits: ZERO, settled: ZERO, outstanding: ZERO, owedBack: ZERO, overdue: ZERO };
  for (const a of ledger.accounts.filter(filter)) {
    state.triggered = state.triggered.plus(a.triggered);
    state.credits = state.credits.plus(a.credits);
    state.settled = state.settled.plus(a.settled);
    state.outstanding = state.outstanding.plus(a.outstanding);
    state.owedBack = state.owedBack.plus(a.owedBack);
    state.overdue = state.overdue.plus(a.overdue);
  }
  return state;
}

const totals = (s: ObligationState, currency: string) => ({
  triggered: money(s.triggered, currency), credits: money(s.credits, currency), settled: money(s.settled, currency),
  outstanding: money(s.outstanding, currency), owedBack: money(s.owedBack, currency), overdue: money(s.overdue, currency),
});

function headroom(limit: string, used: Dec, currency: string, cap: string, scope: string) {
  return { cap, scope, limit: money(dec(limit), currency), used: money(used, currency), headroom: money(Dec.max(ZERO, dec(limit).minus(used)), currency) };
}

export function contractStatus(input: StatusInput) {
  const { definition, today } = input;
  const currency = definition.currency;
  const sumOf = (filter: (o: StatusInput['obligations'][number]) => boolean) =>
    input.obligations.filter(filter).reduce((s, o) => s.plus(o.amount), ZERO);

  // ---- capital
  const drawnBy = (party: string) => input.drawdowns.filter((d) => d.investor === party);
  const receivedBy = (party: string) => input.distributions.filter((d) => d.role === 'investor' && d.recipient === party);
  const committed = definition.investors.reduce((s, i) => s.plus(i.commitment), ZERO);
  const drawn = input.drawdowns.reduce((s, d) => s.plus(d.amount), ZERO);

  // ---- obligations
  const ledger = reconcile(input.obligations, input.settlements, today);
  const all = obligationState(ledger, () => true);
  const byPayer = definition.payers.map((p) => ({ payer: p.party, ...totals(obligationState(ledger, (a) => a.payer === p.party), currency) }));
  const accounts = ledger.accounts.map((a) => ({ payer: a.payer, recipient: a.recipient, ...totals(obligationState(ledger, (x) => x === a), currency) }));

  // ---- caps
  const caps = [];
  if (definition.maximumOutcomePayment) caps.push(headroom(definition.maximumOutcomePayment, sumOf(() => true), currency, 'maximumOutcomePayment', 'contract'));
  for (const p of definition.payers) caps.push(headroom(p.maximumCommitment, sumOf((o) => o.payer === p.party), currency, 'payer.maximumCommitment', p.party));
  for (const c of definition.cohorts) if (c.maxPayment) caps.push(headroom(c.maxPayment, sumOf((o) => o.scope === c.key), currency, 'cohort.maxPayment', c.key));
  for (const p of definition.periods) if (p.maxPayment) caps.push(headroom(p.maxPayment, sumOf((o) => o.scope === p.key), currency, 'period.maxPayment', p.key));
  for (const rule of definition.pricing) {
    if (rule.cap?.total) caps.push(headroom(rule.cap.total, sumOf((o) => o.ruleKey === rule.key), currency, 'rule.cap.total', rule.key));
    if (rule.cap?.perScope) {
      const scopes = new Set(input.obligations.filter((o) => o.ruleKey === rule.key).map((o) => o.scope));
      for (const scope of scopes) caps.push(headroom(rule.cap.perScope, sumOf((o) => o.ruleKey === rule.key && o.scope === scope), currency, 'rule.cap.perScope', `${rule.key}:${scope}`));
    }
  }

  // ---- investors
  const settledTotal = input.settlements.reduce((s, x) => s.plus(x.amount), ZERO);
  const projectionDate = definition.term.end > today ? definition.term.end : today;
  const payerForSurplus = definition.payers[0]!.party;
  // What a scenario would still pay, through today's capital stack: the same for every investor, so
  // distributed once per scenario (on first use) and read per investor.
  const scenarioLines = new Map<string, ReturnType<typeof distribute>['lines']>();
  const linesOf = (scenarioKey: string, remaining: Dec) => {
    let lines = scenarioLines.get(scenarioKey);
    if (!lines) {
      const stack = stackInvestors(definition, input.drawdowns, input.distributions.filter((d) => d.role === 'investor').map((d) => ({ investor: d.recipient, date: d.date, amount: d.amount })), projectionDate);
      lines = distribute({ payment: { amount: formatAmount(remaining, currency), date: projectionDate, currency }, investors: stack, surplus: surplusOf(definition, payerForSurplus) }).lines;
      scenarioLines.set(scenarioKey, lines);
    }
    return lines;
  };
  const investors = definition.investors.map((terms) => {
    const drawdowns = drawnBy(terms.party).map((d) => ({ date: d.date, amount: d.amount }));
    const received = receivedBy(terms.party).map((d) => ({ date: d.date, amount: d.amount }));
    const repaid = received.reduce((s, r) => s.plus(r.amount), ZERO);
    const flows = [
      ...drawdowns.map((d) => ({ date: d.date, amount: dec(d.amount).neg().toString() })),
      ...received,
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const room = terms.returnCap && drawdowns.length > 0 ? capacity(terms.returnCap, drawdowns, received, today) : null;
    // Projection: what the contract would still pay under the scenario, through today's capital stack.
    const projected = input.scenarioTotals.map((scenario) => {
      const remaining = Dec.max(ZERO, dec(scenario.total).minus(settledTotal)).toDecimalPlaces(minorUnits(currency), Dec.ROUND_DOWN);
      let projectedReceipts: { date: IsoDate; amount: string }[] = [];
      if (remaining.gt(0)) {
        const line = linesOf(scenario.key, remaining).find((l) => l.recipient === terms.party && l.role === 'investor');
        if (line && dec(line.amount).gt(0)) projectedReceipts = [{ date: projectionDate, amount: line.amount }];
      }
      // Paid in: the recorded drawdowns, or while none are recorded, the planned tranches.
      const paidIn = drawdowns.length > 0 ? drawdowns : terms.tranches.map((t) => ({ date: t.plannedDate, amount: t.amount }));
      const r = projectReturns({ drawdowns: paidIn, received, projectedReceipts });
      return { scenario: scenario.key, name: scenario.name, contractTotal: money(dec(scenario.total), currency), projectedRepayment: money(dec(r.received), currency), multiple: r.multiple, irr: r.irr };
    });
    return {
      party: terms.party,
      seniority: terms.seniority,
      returnCap: describeCap(terms.returnCap),
      committed: money(dec(terms.commitment), currency),
      drawn: money(drawdowns.reduce((s, d) => s.plus(d.amount), ZERO), currency),
      repaidToDate: money(repaid, currency),
      moneyMultiple: rate(moneyMultiple(drawdowns, received)),
      irrToDate: rate(xirr(flows)),
      returnCapHeadroom: room === null ? null : money(room, currency),
      projected,
    };
  });

  // ---- outcomes against scenarios
  const outcomes = definition.metrics.map((metric) => {
    const expectations = (scope: { cohort?: string; period?: string }) =>
      definition.scenarios.map((s) => {
        const e = s.expectations.find((x) => x.metric === metric.key && (x as { cohort?: string }).cohort === scope.cohort && (x as { period?: string }).period === scope.period);
        return { scenario: s.key, expected: e ? ('count' in e ? String(e.count) : e.treatmentValue) : null };
      });
    if (metric.level === 'participant') {
      return {
        metric: metric.key, name: metric.name, level: metric.level, unit: metric.unit,
        byScope: definition.cohorts.map((c) => {
          const counts = input.claimCounts.find((x) => x.metric === metric.key && x.cohort === c.key);
          return { cohort: c.key, achieved: String(counts?.validated ?? 0), participants: counts?.participants ?? 0, scenarios: expectations({ cohort: c.key }) };
        }),
      };
    }
    const scopes: { cohort?: string; period?: string }[] = [...definition.cohorts.map((c) => ({ cohort: c.key })), ...definition.periods.map((p) => ({ period: p.key }))];
    // Targets the terms set for this metric (weighted-composite components); otherwise each result's comparison value.
    const target = definition.pricing.flatMap((r) => (r.kind === 'weighted_composite' ? r.components : [])).find((c) => c.metric === metric.key)?.target ?? null;
    return {
      metric: metric.key, name: metric.name, level: metric.level, unit: metric.unit, target,
      byScope: scopes.map((scope) => {
        const r = input.latestResults.find((x) => x.metric === metric.key && (x.cohort ?? undefined) === scope.cohort && (x.period ?? undefined) === scope.period);
        return {
          ...scope, achieved: r?.treatmentValue ?? null, comparison: r?.comparisonValue ?? null, measuredOn: r?.measuredOn ?? null,
          ...againstThreshold(definition, metric, scope.cohort, r?.treatmentValue ?? null, r?.comparisonValue ?? null),
          scenarios: expectations(scope),
        };
      }).filter((s) => s.achieved !== null || s.scenarios.some((x) => x.expected !== null)),
    };
  });

  return {
    currency,
    today,
    capital: { committed: money(committed, currency), drawn: money(drawn, currency) },
    obligations: { ...totals(all, currency), byPayer, accounts },
    caps,
    investors,
    outcomes,
  };
}


/**
 * A cohort's result against the threshold of the counterfactual rule that prices it (if any):
 * the relative improvement on the comparison group (in the metric's better direction), the
 * improvement the terms require, and the level of the treatment value that reaches it
 * (comparison × (1 − threshold) for a metric to decrease, × (1 + threshold) to increase).
 * Null figures where the result or its comparison value is missing (or the comparison is zero).
 */
function againstThreshold(definition: ContractDefinition, metric: Metric, cohort: string | undefined, treatment: string | null, comparison: string | null) {
  const rule = definition.pricing.find((r) => r.kind === 'counterfactual_threshold' && r.metric === metric.key && cohort !== undefined && r.cohorts.includes(cohort));
  if (!rule || rule.kind !== 'counterfactual_threshold') return {};
  const threshold = dec(rule.cohortThreshold);
  const c = comparison === null ? null : dec(comparison);
  const level = c === null ? null : c.times(metric.direction === 'decrease' ? dec(1).minus(threshold) : dec(1).plus(threshold));
  const relative = c === null || c.isZero() || treatment === null ? null : improvement(metric, dec(treatment), c).div(c);
  return {
    threshold: threshold.toFixed(),
    thresholdLevel: level === null ? null : level.toSignificantDigits(RATE_SIGNIFICANT_DIGITS).toFixed(),
    improvement: relative === null ? null : relative.toSignificantDigits(RATE_SIGNIFICANT_DIGITS).toFixed(),
    reachesThreshold: relative === null ? null : relative.gte(threshold),
  };
}
