import type { LinearRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import type { StatementItem } from '../types.ts';
import { measuredScopes } from './aggregate.ts';
import { statementItem, totals } from './items.ts';

/**
 * linear: per selected scope with a result: measure m; m < floor → 0; otherwise
 * units = (paysFrom 'floor' ? m − floor : m) / unitSize — continuous, not rounded to whole units —
 * and the scope pays units × pricePerUnit × indexation at the scope end, never below 0.
 * When the metric's results accumulate, each measurement date of the scope is a successive period
 * measured and paid on its own (floor included) and the scope pays the sum, indexed at the scope end.
 * Statement items: one per result paying (quantity = units, unit price = indexed price per unit).
 */
export function evaluateLinear(rule: LinearRule, ctx: EngineContext): RuleOutcome {
  const floor = new Dec(rule.floor);
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  const unit = `units of ${rule.unitSize} ${rule.measure}`;
  for (const { key, result: r, tests, measured, accumulate } of measuredScopes(rule, ctx, notes)) {
    const end = ctx.scopeEnd(rule.scope, key);
    const unitPrice = new Dec(rule.pricePerUnit).times(ctx.index.factor(end));
    const ix = ctx.index.describe(end);
    const items: StatementItem[] = [];
    const unitsOf: string[] = [];
    let paying = false;
    for (const { result, measure } of measured) {
      const of = accumulate ? ` (result ${result.id}, measured ${result.measuredOn})` : '';
      if (measure.lt(floor)) {
        tests.push(`${rule.measure} ${show(measure)} < floor ${rule.floor}${of}: no payment`);
        unitsOf.push('0');
        continue;
      }
      const units = (rule.paysFrom === 'floor' ? measure.minus(floor) : measure).div(rule.unitSize);
      let gross = units.times(unitPrice);
      if (gross.lt(0)) gross = ZERO;
      unitsOf.push(str(units));
      paying = true;
      tests.push(
        `${rule.measure} ${show(measure)} >= floor ${rule.floor}${of}: units = (${rule.paysFrom === 'floor' ? `${show(measure)} − ${rule.floor}` : show(measure)}) / ${rule.unitSize} = ${show(units)}; × ${str(unitPrice)} = ${str(gross)}`,
      );
      if (!gross.isZero()) items.push(statementItem({ item: `${rule.measure}${of}`, unit, quantity: units, unitPrice, gross }));
    }
    if (paying && ix) tests.push(ix);
    const { gross, net } = totals(items);
    const inputs: Record<string, string | number | string[]> = accumulate
      ? {
        resultIds: measured.map((m) => m.result.id), measuredOn: measured.map((m) => m.result.measuredOn),
        measure: rule.measure, measureValues: measured.map((m) => str(m.measure)), units: unitsOf,
      }
      : { ...resultInputs(r), measure: rule.measure, measureValue: str(measured[0]!.measure), units: unitsOf[0]! };
    scopes.push({ scope: key, scopeKind: rule.scope, amount: net, gross, capEffects: [], tests, priceApplied: str(unitPrice), items, inputs });
  }
  return { scopes, notes };
}
