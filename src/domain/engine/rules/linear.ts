import type { LinearRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import { measuredScopes } from './aggregate.ts';

/**
 * linear: per selected scope with a result: measure m; m < floor → 0; otherwise
 * units = (paysFrom 'floor' ? m − floor : m) / unitSize — continuous, not rounded to whole units —
 * and the scope pays units × pricePerUnit × indexation at the scope end, never below 0.
 */
export function evaluateLinear(rule: LinearRule, ctx: EngineContext): RuleOutcome {
  const floor = new Dec(rule.floor);
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  for (const { key, result: r, tests, measure } of measuredScopes(rule, ctx, notes)) {
    const end = ctx.scopeEnd(rule.scope, key);
    const unitPrice = new Dec(rule.pricePerUnit).times(ctx.index.factor(end));
    let gross = ZERO;
    let units = ZERO;
    if (measure.lt(floor)) {
      tests.push(`${rule.measure} ${show(measure)} < floor ${rule.floor}: no payment`);
    } else {
      units = (rule.paysFrom === 'floor' ? measure.minus(floor) : measure).div(rule.unitSize);
      gross = units.times(unitPrice);
      if (gross.lt(0)) gross = ZERO;
      tests.push(
        `${rule.measure} ${show(measure)} >= floor ${rule.floor}: units = (${rule.paysFrom === 'floor' ? `${show(measure)} − ${rule.floor}` : show(measure)}) / ${rule.unitSize} = ${show(units)}; × ${str(unitPrice)} = ${str(gross)}`,
      );
      const ix = ctx.index.describe(end);
      if (ix) tests.push(ix);
    }
    scopes.push({
      scope: key, scopeKind: rule.scope, amount: gross, gross, capEffects: [], tests, priceApplied: str(unitPrice),
      inputs: { ...resultInputs(r), measure: rule.measure, measureValue: str(measure), units: str(units) },
    });
  }
  return { scopes, notes };
}
