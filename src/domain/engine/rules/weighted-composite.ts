import type { AggregateResult } from '../../measurement/types.ts';
import type { WeightedCompositeRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { selectedScopes, show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import type { StatementItem } from '../types.ts';
import { scopeResult } from './aggregate.ts';
import { statementItem, totals } from './items.ts';

/**
 * weighted_composite: per selected scope: each component's achievement
 * a_i = treatmentValue / (component.target ?? comparisonValue), capped at maxAchievement when set;
 * A = Σ weight_i × a_i. minimumAchievement set and A < it → 0; otherwise the scope pays
 * paymentAtFullAchievement × A × indexation at the scope end. A scope where any component has no
 * result (or no target and no non-zero comparison value) is not evaluated (explained).
 * Results replace each other (an accumulating metric is refused by the definition's checks).
 * Statement items: one per component, quantity = weight × achievement (its part of A), unit price =
 * paymentAtFullAchievement indexed; the scope's gross is their exact sum (= payment × A).
 */
export function evaluateWeightedComposite(rule: WeightedCompositeRule, ctx: EngineContext): RuleOutcome {
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  for (const key of selectedScopes(ctx, rule.scope, rule.scopes)) {
    const tests: string[] = [];
    const used: AggregateResult[] = [];
    const parts: { metric: string; part: Dec }[] = [];
    let weighted = ZERO;
    const inputs: Record<string, string | number | string[]> = {};
    let missing: string | undefined;
    for (const comp of rule.components) {
      const r = scopeResult(ctx, comp.metric, rule.scope, key, tests);
      if (!r) {
        missing = `no ${comp.metric} result measured on or before ${ctx.asOf}`;
        break;
      }
      const target = comp.target ?? r.comparisonValue;
      if (target === undefined || new Dec(target).isZero()) {
        missing = `${comp.metric}: result ${r.id} has no comparison value and the component has no target`;
        break;
      }
      used.push(r);
      const achieved = new Dec(r.treatmentValue).div(target);
      let a = achieved;
      let capped = '';
      if (comp.maxAchievement !== undefined && a.gt(comp.maxAchievement)) {
        capped = ` capped at ${comp.maxAchievement}`;
        a = new Dec(comp.maxAchievement);
      }
      const part = a.times(comp.weight);
      parts.push({ metric: comp.metric, part });
      weighted = weighted.plus(part);
      inputs[`${comp.metric}.resultId`] = r.id;
      inputs[`${comp.metric}.treatmentValue`] = r.treatmentValue;
      inputs[`${comp.metric}.target`] = target;
      inputs[`${comp.metric}.achievement`] = str(a);
      tests.push(`${comp.metric}: achievement ${r.treatmentValue} / ${target} = ${show(achieved)}${capped}, weight ${comp.weight}`);
    }
    if (missing) {
      notes.push(`${rule.scope} ${key}: ${missing}: not evaluated`);
      continue;
    }
    inputs.resultIds = used.map((r) => r.id);
    inputs.weightedAchievement = str(weighted);
    const end = ctx.scopeEnd(rule.scope, key);
    const full = new Dec(rule.paymentAtFullAchievement).times(ctx.index.factor(end));
    const items: StatementItem[] = [];
    if (rule.minimumAchievement !== undefined && weighted.lt(rule.minimumAchievement)) {
      tests.push(`weighted achievement ${show(weighted)} < minimum ${rule.minimumAchievement}: no payment`);
    } else {
      for (const { metric, part } of parts) {
        items.push(statementItem({ item: metric, unit: 'weighted achievement', quantity: part, unitPrice: full, gross: part.times(full) }));
      }
      tests.push(`weighted achievement ${show(weighted)} × payment at full achievement ${str(full)} = ${str(totals(items).gross)}`);
      const ix = ctx.index.describe(end);
      if (ix) tests.push(ix);
    }
    const { gross, net } = totals(items);
    scopes.push({ scope: key, scopeKind: rule.scope, amount: net, gross, capEffects: [], tests, priceApplied: str(full), items, inputs });
  }
  return { scopes, notes };
}
