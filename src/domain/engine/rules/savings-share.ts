import type { SavingsShareRule } from '../../contract/definition.ts';
import type { AggregateResult } from '../../measurement/types.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { addDays, daysBetween, type IsoDate } from '../../time/dates.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import type { StatementItem } from '../types.ts';
import { scopesWithResults, type ScopeResults } from './aggregate.ts';
import { exactSum, statementItem, totals } from './items.ts';

/**
 * savings_share: a share of measured savings, higher until the threshold is reached, lower after.
 *
 * PAYMENTS. Each result used is one payment. Per selected scope (cohort or period) with a result:
 * the latest result when the metric's results replace each other (a re-estimate replaces the
 * scope's saving); every measurement date when they accumulate (each a successive period: the
 * scope pays the sum). savings = the result's treatment value (a negative saving counts as 0).
 *
 * DUE DATE of a payment d — the date the obligation paying it falls due, which is when interest
 * stops. Obligations fall due at their evaluation's cut-off + evaluation.paymentTermsDays, and are
 * never changed, so:
 *   - a payment already made is due on the earliest prior obligation on the scope's lines
 *     (`<rule>:<scope>:<payer>`) — for accumulating results, the earliest one due on or after
 *     measuredOn + paymentTermsDays, i.e. of an evaluation whose cut-off included the result;
 *     a re-estimate (replace) changes how much a payment is, not when it fell due;
 *   - otherwise it is paid now: d = this evaluation's due date (asOf + paymentTermsDays).
 * So evaluating again after the obligations are recorded changes nothing; a payment that created
 * no obligation (nothing due, or caps cut it to zero) takes the current due date each time. (The
 * engine does not see when a result was uploaded: an obligation on the scope's lines created for
 * another reason after measuredOn + paymentTermsDays is taken to be the one that paid it.)
 *
 * ORDER. Payments are taken in the order they fell due: due date, then the scope's definition
 * order, then measuredOn (when everything is paid now: scopes in definition order).
 *
 * THRESHOLD for a payment due d: `amount`, or principalPlusInterest: T(d) = total commitment of all
 * investors × (1 + annualRate × days(term.start → d) / 365), simple interest, actual/365.
 * P = what this rule paid on the earlier payments (before caps). Until the threshold is reached,
 * savings pay initialShare up to the saving s* = (T(d) − P) / initialShare that brings P to T(d);
 * the rest of the payment's savings pays subsequentShare (split exactly at that boundary). The
 * threshold is reached when a payment brings P to T(d) or is split there (or P >= T(d) before it;
 * with a fixed amount, P >= T): from then on every
 * payment pays subsequentShare (interest stops once investors are repaid). With an initialShare of
 * 0 the threshold is never reached by payments. Shares are not prices: no indexation.
 * Scopes without a result are skipped (explained) and do not move P.
 *
 * Statement items, per payment: the savings at the initial share and at the subsequent share
 * (quantity = savings in the metric's unit, unit price = the share), those that are not zero.
 */
export function evaluateSavingsShare(rule: SavingsShareRule, ctx: EngineContext): RuleOutcome {
  const notes: string[] = [];
  const initial = new Dec(rule.initialShare);
  const subsequent = new Dec(rule.subsequentShare);
  const commitment = ctx.definition.investors.reduce((s, i) => s.plus(i.commitment), ZERO);
  const termsDays = ctx.definition.evaluation.paymentTermsDays;
  const unit = ctx.metrics.get(rule.metric)?.unit ?? 'savings';

  // due dates of the obligations already created on each scope of this rule, ascending
  const priorDue = new Map<string, IsoDate[]>();
  const prefix = `${rule.key}:`;
  for (const o of ctx.priorObligations) {
    if (!o.lineKey.startsWith(prefix)) continue;
    const scope = o.lineKey.slice(prefix.length, o.lineKey.lastIndexOf(':'));
    const list = priorDue.get(scope);
    if (list) list.push(o.dueOn);
    else priorDue.set(scope, [o.dueOn]);
  }
  for (const list of priorDue.values()) list.sort();

  interface Payment {
    scope: number;
    result: AggregateResult;
    due: IsoDate;
    paidBefore: boolean;
    threshold?: Dec;
    atInitial?: Dec;
    atSubsequent?: Dec;
    tests: string[];
    items: StatementItem[];
  }
  const scoped: ScopeResults[] = [...scopesWithResults(rule, ctx, notes)];
  const payments: Payment[] = [];
  scoped.forEach((s, k) => {
    const dues = priorDue.get(s.key) ?? [];
    for (const result of s.results) {
      const from = s.accumulate ? addDays(result.measuredOn, termsDays) : undefined;
      const paidOn = from === undefined ? dues[0] : dues.find((d) => d >= from);
      payments.push({ scope: k, result, due: paidOn ?? ctx.dueOn, paidBefore: paidOn !== undefined, tests: [], items: [] });
    }
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = [...payments].sort((a, b) => cmp(a.due, b.due) || a.scope - b.scope || cmp(a.result.measuredOn, b.result.measuredOn));

  let paid = ZERO;
  let reached = false;
  for (const p of order) {
    const { tests, result: r } = p;
    const of = scoped[p.scope]!.accumulate ? ` (result ${r.id}, measured ${r.measuredOn})` : '';
    const when = p.paidBefore
      ? `payment due ${p.due}, when the obligation that first paid it fell due`
      : `payment due ${p.due}, this evaluation's due date (${ctx.asOf} + ${termsDays} days)`;
    let threshold: Dec;
    if ('amount' in rule.threshold) {
      threshold = new Dec(rule.threshold.amount);
      tests.push(`threshold ${rule.threshold.amount}${of}; ${when}`);
    } else {
      const rate = rule.threshold.principalPlusInterest.annualRate;
      const days = daysBetween(ctx.definition.term.start, p.due);
      threshold = commitment.times(new Dec(rate).times(days).div(365).plus(1));
      tests.push(`threshold = investor commitment ${commitment.toFixed()} × (1 + ${rate} × ${days} / 365) = ${show(threshold)}${of} (term start ${ctx.definition.term.start} to the ${when})`);
    }
    let savings = new Dec(r.treatmentValue);
    if (savings.lt(0)) {
      tests.push(`savings ${r.treatmentValue}${of} are negative: counted as 0`);
      savings = ZERO;
    }
    if (!reached && paid.gte(threshold)) reached = true;
    let atInitial = savings;
    if (reached) atInitial = ZERO;
    else if (!initial.isZero()) atInitial = Dec.min(savings, threshold.minus(paid).div(initial));
    const atSubsequent = savings.minus(atInitial);
    if (!initial.isZero() && atSubsequent.gt(0)) reached = true;
    if (!atInitial.isZero()) {
      p.items.push(statementItem({ item: `savings at the initial share${of}`, unit, quantity: atInitial, unitPrice: initial, gross: atInitial.times(initial) }));
    }
    if (!atSubsequent.isZero()) {
      p.items.push(statementItem({ item: `savings at the subsequent share${of}`, unit, quantity: atSubsequent, unitPrice: subsequent, gross: atSubsequent.times(subsequent) }));
    }
    const gross = totals(p.items).gross;
    tests.push(
      `paid so far under this rule ${str(paid)}${reached && atInitial.isZero() && !savings.isZero() ? ' (threshold reached)' : ''}; savings ${savings.toFixed()}${of}: ${show(atInitial)} at ${rule.initialShare} + ${show(atSubsequent)} at ${rule.subsequentShare} = ${show(gross)}`,
    );
    paid = exactSum([paid, gross]);
    if (paid.gte(threshold)) reached = true;
    p.threshold = threshold;
    p.atInitial = atInitial;
    p.atSubsequent = atSubsequent;
  }

  const scopes: ScopeOutcome[] = scoped.map((s, k) => {
    const own = payments.filter((p) => p.scope === k);
    const items = own.flatMap((p) => p.items);
    const { gross, net } = totals(items);
    const atInitial = exactSum(own.map((p) => p.atInitial!));
    const atSubsequent = exactSum(own.map((p) => p.atSubsequent!));
    const inputs: Record<string, string | number | string[]> = s.accumulate
      ? {
        resultIds: own.map((p) => p.result.id), measuredOn: own.map((p) => p.result.measuredOn), treatmentValues: own.map((p) => p.result.treatmentValue),
        paymentsDueOn: own.map((p) => p.due), thresholds: own.map((p) => str(p.threshold!)),
        savingsAtInitialShare: str(atInitial), savingsAtSubsequentShare: str(atSubsequent),
      }
      : {
        ...resultInputs(s.result), paymentDueOn: own[0]!.due, threshold: str(own[0]!.threshold!),
        savingsAtInitialShare: str(atInitial), savingsAtSubsequentShare: str(atSubsequent),
      };
    return {
      scope: s.key, scopeKind: rule.scope, amount: net, gross, capEffects: [], tests: [...s.tests, ...own.flatMap((p) => p.tests)], items, inputs,
    };
  });
  return { scopes, notes };
}
