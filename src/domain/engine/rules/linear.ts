import type { LinearRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { selectedScopes, show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { computeMeasure, resultInputs } from '../measure.ts';
import { scopeResult } from './aggregate.ts';

/**
 * linear: per selected scope with a result: measure m; m < floor → 0; otherwise
 * units = (paysFrom 'floor' ? m − floor : m) / unitSize — continuous, not rounded to whole units —
 * and the scope pays units × pricePerUnit × indexation at the scope end, never below 0.
 */
export function evaluateLinear(rule: LinearRule, ctx: EngineContext): RuleOutcome {
  const metric = ctx.metrics.get(rule.metric)!;
  const floor = new Dec(rule.floor);
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  for (const key of selectedScopes(ctx, rule.scope, rule.scopes)) {
    const tests: string[] = [];
    const r = scopeResult(ctx, rule.metric, rule.scope, key, tests);
    if (!r) {
      notes.push(`${rule.scope} ${key}: no ${rule.metric} result measured on or before ${ctx.asOf}: not evaluated`);
      continue;
    }
    const m = computeMeasure(rule.measure, metric, r);
    if (!m.ok) {
      notes.push(`${rule.scope} ${key}: ${m.reason}: not evaluated`);
      continue;
    }
    tests.push(...m.notes);
    const end = ctx.scopeEnd(rule.scope, key);
    const unitPrice = new Dec(rule.pricePerUnit).times(ctx.index.factor(end));
    let gross = ZERO;
    let units = ZERO;
    if (m.value.lt(floor)) {
      tests.push(`${rule.measure} ${show(m.value)} < floor ${rule.floor}: no payment`);
    } else {
      units = (rule.paysFrom === 'floor' ? m.value.minus(floor) : m.value).div(rule.unitSize);
      gross = units.times(unitPrice);
      if (gross.lt(0)) gross = ZERO;
      tests.push(
        `${rule.measure} ${show(m.value)} >= floor ${rule.floor}: units = (${rule.paysFrom === 'floor' ? `${show(m.value)} − ${rule.floor}` : show(m.value)}) / ${rule.unitSize} = ${show(units)}; × ${str(unitPrice)} = ${str(gross)}`,
      );
      const ix = ctx.index.describe(end);
      if (ix) tests.push(ix);
    }
    scopes.push({
      scope: key, scopeKind: rule.scope, amount: gross, gross, capEffects: [], tests, priceApplied: str(unitPrice),
      inputs: { ...resultInputs(r), measure: rule.measure, measureValue: str(m.value), units: str(units) },
    });
  }
  return { scopes, notes };
}
