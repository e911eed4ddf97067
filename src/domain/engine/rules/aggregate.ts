import type { AggregateResult } from '../../measurement/types.ts';
import type { Dec } from '../../money/money.ts';
import { describeAccumulated, describeResult, type EngineContext, selectedScopes } from '../context.ts';
import { computeMeasure, type Measure } from '../measure.ts';

/** The result a scope-selecting rule uses for one scope, with the words explaining the choice (results that replace each other). */
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

/**
 * The results a scope-selecting rule uses for one scope, by measuredOn ascending, with the words
 * explaining the choice: the latest one when the metric's results replace each other, one per
 * measurement date when they accumulate (see EngineContext.resultsFor).
 */
export function scopeResults(
  ctx: EngineContext, metric: string, kind: 'cohort' | 'period', key: string, tests: string[],
): readonly AggregateResult[] {
  const used = ctx.resultsFor(metric, kind, key);
  if (used.length === 0) return used;
  if (ctx.accumulates(metric)) tests.push(describeAccumulated(ctx, metric, used, kind, key));
  else {
    const picked = describeResult(ctx, used[0]!, kind, key);
    if (picked) tests.push(picked);
  }
  return used;
}

interface AggregateRule {
  metric: string;
  scope: 'cohort' | 'period';
  scopes?: string[] | undefined;
}

export interface ScopeResults {
  key: string;
  /** The latest result used (the only one when results replace each other). */
  result: AggregateResult;
  /** Every result used, by measuredOn ascending: one when results replace each other. */
  results: readonly AggregateResult[];
  /** The metric's results accumulate: each result is a successive period paid on its own. */
  accumulate: boolean;
  tests: string[];
}

/**
 * The selected scopes of a rule that have a result for its metric, in definition order, each with
 * the tests explaining which results are used. Scopes without one are noted and not evaluated.
 */
export function* scopesWithResults(rule: AggregateRule, ctx: EngineContext, notes: string[]): Generator<ScopeResults> {
  const accumulate = ctx.accumulates(rule.metric);
  for (const key of selectedScopes(ctx, rule.scope, rule.scopes)) {
    const tests: string[] = [];
    const results = scopeResults(ctx, rule.metric, rule.scope, key, tests);
    if (results.length === 0) {
      notes.push(`${rule.scope} ${key}: no ${rule.metric} result measured on or before ${ctx.asOf}: not evaluated`);
      continue;
    }
    yield { key, result: results[results.length - 1]!, results, accumulate, tests };
  }
}

/**
 * As `scopesWithResults`, with the rule's measure computed for each result used. A result whose
 * measure cannot be computed is noted and not paid; a scope left with none is not evaluated.
 */
export function* measuredScopes(
  rule: AggregateRule & { measure: Measure }, ctx: EngineContext, notes: string[],
): Generator<ScopeResults & { measured: { result: AggregateResult; measure: Dec }[] }> {
  const metric = ctx.metrics.get(rule.metric)!;
  for (const scope of scopesWithResults(rule, ctx, notes)) {
    const measured: { result: AggregateResult; measure: Dec }[] = [];
    const failed: string[] = [];
    for (const r of scope.results) {
      const m = computeMeasure(rule.measure, metric, r);
      if (!m.ok) {
        failed.push(m.reason);
        continue;
      }
      scope.tests.push(...m.notes);
      measured.push({ result: r, measure: m.value });
    }
    if (!scope.accumulate && failed.length > 0) {
      notes.push(`${rule.scope} ${scope.key}: ${failed[0]}: not evaluated`);
      continue;
    }
    for (const reason of failed) notes.push(`${rule.scope} ${scope.key}: ${reason}: that result is not paid`);
    if (measured.length === 0) {
      notes.push(`${rule.scope} ${scope.key}: no result whose ${rule.measure} can be computed: not evaluated`);
      continue;
    }
    yield { ...scope, measured };
  }
}
