import type { AggregateResult } from '../../measurement/types.ts';
import { describeResult, type EngineContext } from '../context.ts';

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
