import type { TieredRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import { measuredScopes } from './aggregate.ts';

/**
 * tiered: per selected scope (rule.scopes or all cohorts/periods, definition order) with a result:
 * compute the measure; the highest tier with atLeast <= measure pays its amount × indexation at
 * the scope end (cohort enrolment end or period end); no tier reached → 0. Tiers are not summed.
 * A scope without a result, or whose measure cannot be computed, is not evaluated (explained).
 */
export function evaluateTiered(rule: TieredRule, ctx: EngineContext): RuleOutcome {
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  for (const { key, result: r, tests, measure } of measuredScopes(rule, ctx, notes)) {
    let reached: (typeof rule.tiers)[number] | undefined;
    for (const tier of rule.tiers) if (measure.gte(tier.atLeast)) reached = tier;
    const end = ctx.scopeEnd(rule.scope, key);
    const factor = ctx.index.factor(end);
    let gross = ZERO;
    let priceApplied: string | undefined;
    if (reached) {
      const amount = new Dec(reached.amount).times(factor);
      gross = amount;
      priceApplied = str(amount);
      tests.push(`${rule.measure} ${show(measure)} >= tier ${reached.atLeast}: pays ${reached.amount}`);
      const ix = ctx.index.describe(end);
      if (ix) tests.push(ix);
    } else {
      tests.push(`${rule.measure} ${show(measure)} < lowest tier ${rule.tiers[0]!.atLeast}: no payment`);
    }
    scopes.push({
      scope: key, scopeKind: rule.scope, amount: gross, gross, capEffects: [], tests,
      ...(priceApplied ? { priceApplied } : {}),
      inputs: { ...resultInputs(r), measure: rule.measure, measureValue: str(measure) },
    });
  }
  return { scopes, notes };
}
