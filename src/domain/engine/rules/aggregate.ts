import type { AggregateResult } from '../../measurement/types.ts';
import type { Dec } from '../../money/money.ts';
import { describeResult, type EngineContext, selectedScopes } from '../context.ts';
import { computeMeasure, type Measure } from '../measure.ts';

/** The result a scope-selecting rule uses for one scope, with the words explaining the choice. */
export function scopeResult(
  ctx: EngineContext, metric: string, kind: 'cohort' | 'period', key: string, tests: string[],
): AggregateResult | undefined {
  const r = ctx.resultFor(metric, kind, key);
  if (r) {
    const picked = describeResult(ctx, r, kind, key);
    if (picked) tests.push(picked);
  }
  return r;
}

interface AggregateRule {
  metric: string;
  scope: 'cohort' | 'period';
  scopes?: string[] | undefined;
}

/**
 * The selected scopes of a rule that have a result for its metric, in definition order, each with
 * the tests explaining which result was used. Scopes without one are noted and not evaluated.
 */
export function* scopesWithResults(rule: AggregateRule, ctx: EngineContext, notes: string[]): Generator<{ key: string; result: AggregateResult; tests: string[] }> {
  for (const key of selectedScopes(ctx, rule.scope, rule.scopes)) {
    const tests: string[] = [];
    const result = scopeResult(ctx, rule.metric, rule.scope, key, tests);
    if (!result) {
      notes.push(`${rule.scope} ${key}: no ${rule.metric} result measured on or before ${ctx.asOf}: not evaluated`);
      continue;
    }
    yield { key, result, tests };
  }
}

/** As `scopesWithResults`, with the rule's measure computed; a scope whose measure cannot be computed is noted and skipped. */
export function* measuredScopes(
  rule: AggregateRule & { measure: Measure }, ctx: EngineContext, notes: string[],
): Generator<{ key: string; result: AggregateResult; tests: string[]; measure: Dec }> {
  const metric = ctx.metrics.get(rule.metric)!;
  for (const scope of scopesWithResults(rule, ctx, notes)) {
    const m = computeMeasure(rule.measure, metric, scope.result);
    if (!m.ok) {
      notes.push(`${rule.scope} ${scope.key}: ${m.reason}: not evaluated`);
      continue;
    }
    scope.tests.push(...m.notes);
    yield { ...scope, measure: m.value };
  }
}
