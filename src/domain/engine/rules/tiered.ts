import type { TieredRule } from '../../contract/definition.ts';
import { Dec } from '../../money/money.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import type { StatementItem } from '../types.ts';
import { measuredScopes } from './aggregate.ts';
import { statementItem, totals } from './items.ts';

const ONE = new Dec(1);

/**
 * tiered: per selected scope (rule.scopes or all cohorts/periods, definition order) with a result:
 * compute the measure; the highest tier with atLeast <= measure pays its amount × indexation at
 * the scope end (cohort enrolment end or period end); no tier reached → 0. Tiers are not summed.
 * A scope without a result, or whose measure cannot be computed, is not evaluated (explained).
 * When the metric's results accumulate, each measurement date of the scope is a successive period
 * tested on its own (a result whose measure cannot be computed is not paid, explained) and the
 * scope pays the sum of the tiers they reach, all indexed at the scope end.
 * Statement items: one per tier reached (per result when they accumulate): quantity 1, unit price
 * the tier amount (indexed).
 */
export function evaluateTiered(rule: TieredRule, ctx: EngineContext): RuleOutcome {
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  for (const { key, result: r, tests, measured, accumulate } of measuredScopes(rule, ctx, notes)) {
    const end = ctx.scopeEnd(rule.scope, key);
    const factor = ctx.index.factor(end);
    const ix = ctx.index.describe(end);
    const items: StatementItem[] = [];
    let priceApplied: string | undefined;
    for (const { result, measure } of measured) {
      const of = accumulate ? ` (result ${result.id}, measured ${result.measuredOn})` : '';
      let reached: (typeof rule.tiers)[number] | undefined;
      for (const tier of rule.tiers) if (measure.gte(tier.atLeast)) reached = tier;
      if (reached) {
        const amount = new Dec(reached.amount).times(factor);
        priceApplied = str(amount);
        tests.push(`${rule.measure} ${show(measure)} >= tier ${reached.atLeast}${of}: pays ${reached.amount}`);
        items.push(statementItem({ item: `tier ${reached.atLeast}${of}`, unit: 'tier', quantity: ONE, unitPrice: amount, gross: amount }));
      } else {
        tests.push(`${rule.measure} ${show(measure)} < lowest tier ${rule.tiers[0]!.atLeast}${of}: no payment`);
      }
    }
    if (items.length > 0 && ix) tests.push(ix);
    const { gross, net } = totals(items);
    const inputs: Record<string, string | number | string[]> = accumulate
      ? {
        resultIds: measured.map((m) => m.result.id), measuredOn: measured.map((m) => m.result.measuredOn),
        measure: rule.measure, measureValues: measured.map((m) => str(m.measure)),
      }
      : { ...resultInputs(r), measure: rule.measure, measureValue: str(measured[0]!.measure) };
    scopes.push({
      scope: key, scopeKind: rule.scope, amount: net, gross, capEffects: [], tests, items,
      ...(priceApplied && !accumulate ? { priceApplied } : {}),
      inputs,
    });
  }
  return { scopes, notes };
}
