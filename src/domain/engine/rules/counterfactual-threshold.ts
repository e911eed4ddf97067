import type { CounterfactualThresholdRule } from '../../contract/definition.ts';
import type { AggregateResult } from '../../measurement/types.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { maxDate } from '../../time/dates.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { scopesWithResults } from './aggregate.ts';
import { improvement, resultInputs, sampleSize } from '../measure.ts';
import type { StatementItem } from '../types.ts';
import { exactMinus, exactSum, statementItem, totals } from './items.ts';

/**
 * counterfactual_threshold (Peterborough): per cohort of rule.cohorts that has a result:
 *   r = (comparison − treatment) / comparison for a 'decrease' metric (reverse for 'increase');
 *   units improved = (comparison − treatment, direction-adjusted) × treatment sample size / scale
 *   (scale default 1; a missing sample size counts as 1 and is explained);
 *   r >= cohortThreshold → the cohort pays units × pricePerUnit × indexation(cohort enrolment end);
 *   otherwise 0. A result without a comparison value, or with a zero one, is not evaluated.
 * Pooled fallback, only when EVERY pooled cohort (pooled.cohorts, or rule.cohorts) has a usable
 * result: pooled treatment and comparison are the treatment-sample-size-weighted means, pooled n
 * the sum; if pooled r >= pooled.threshold the pooled entitlement is pooled units × price ×
 * indexation(latest enrolment end of the pooled cohorts). The rule then pays
 * max(Σ cohort entitlements, pooled entitlement): the scope 'pooled' carries the top-up
 * max(0, pooled − Σ cohort entitlements), both before any cap ("already due under the cohort
 * tests").
 * Results replace each other (an accumulating metric is refused by the definition's checks).
 * Statement items: a paying cohort, units improved × price (indexed); the pooled top-up, the pooled
 * entitlement (pooled units improved × price) less what is already due under the cohort tests.
 */
export function evaluateCounterfactual(rule: CounterfactualThresholdRule, ctx: EngineContext): RuleOutcome {
  const metric = ctx.metrics.get(rule.metric)!;
  const scale = new Dec(metric.scale ?? '1');
  const price = new Dec(rule.pricePerUnit);
  const threshold = new Dec(rule.cohortThreshold);
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  const usable = new Map<string, AggregateResult>();
  let cohortTotal = ZERO;

  const ruleCohorts = new Set(rule.cohorts);
  for (const { key: cohort, result: r, tests } of scopesWithResults({ metric: rule.metric, scope: 'cohort', scopes: rule.cohorts }, ctx, notes)) {
    if (r.comparisonValue === undefined || new Dec(r.comparisonValue).isZero()) {
      notes.push(`cohort ${cohort}: result ${r.id} has no (non-zero) comparison value: not evaluated`);
      continue;
    }
    usable.set(cohort, r);
    const t = new Dec(r.treatmentValue);
    const c = new Dec(r.comparisonValue);
    const n = sampleSize(r, tests);
    const diff = improvement(metric, t, c);
    const rel = diff.div(c);
    const units = diff.times(n).div(scale);
    const factor = ctx.index.factor(ctx.scopeEnd('cohort', cohort));
    const unitPrice = price.times(factor);
    const passes = rel.gte(threshold);
    tests.push(
      `relative improvement ${show(rel)} (${metric.direction === 'decrease' ? `(${r.comparisonValue} − ${r.treatmentValue}) / ${r.comparisonValue}` : `(${r.treatmentValue} − ${r.comparisonValue}) / ${r.comparisonValue}`}) ` +
        `${passes ? '>=' : '<'} cohort threshold ${rule.cohortThreshold}: ${passes ? 'cohort pays' : 'no cohort payment'}`,
    );
    tests.push(`units improved = ${show(diff)} × ${n.toFixed()} / ${scale.toFixed()} = ${show(units)}`);
    const ix = ctx.index.describe(ctx.scopeEnd('cohort', cohort));
    if (ix) tests.push(ix);
    let paid = passes ? units.times(unitPrice) : ZERO;
    if (paid.lt(0)) paid = ZERO;
    if (passes) tests.push(`${show(units)} units × ${str(unitPrice)} = ${str(paid)}`);
    const items: StatementItem[] = paid.isZero()
      ? []
      : [statementItem({ item: `${rule.metric} improved vs the comparison group`, unit: 'units improved', quantity: units, unitPrice, gross: paid })];
    const { gross, net } = totals(items);
    cohortTotal = exactSum([cohortTotal, gross]);
    scopes.push({
      scope: cohort, scopeKind: 'cohort', amount: net, gross, capEffects: [], tests, priceApplied: str(unitPrice), items,
      inputs: { ...resultInputs(r), relativeImprovement: str(rel), unitsImproved: str(units) },
    });
  }

  if (rule.pooled) {
    const pooledCohorts = ctx.cohortOrder.filter((k) => (rule.pooled!.cohorts ?? rule.cohorts).includes(k));
    for (const k of pooledCohorts) {
      // a pooled cohort outside rule.cohorts is only pooled, never tested on its own
      const r = ruleCohorts.has(k) ? undefined : ctx.resultFor(rule.metric, 'cohort', k);
      if (r && r.comparisonValue !== undefined && !new Dec(r.comparisonValue).isZero()) usable.set(k, r);
    }
    const missing = pooledCohorts.filter((k) => !usable.has(k));
    if (missing.length > 0) {
      notes.push(`pooled fallback not evaluated: no usable result yet for ${missing.join(', ')}`);
    } else {
      const tests: string[] = [];
      let nSum = ZERO;
      let tw = ZERO;
      let cw = ZERO;
      let end = ctx.scopeEnd('cohort', pooledCohorts[0]!);
      for (const k of pooledCohorts) {
        const r = usable.get(k)!;
        const n = sampleSize(r, tests);
        nSum = nSum.plus(n);
        tw = tw.plus(n.times(r.treatmentValue));
        cw = cw.plus(n.times(r.comparisonValue!));
        end = maxDate(end, ctx.scopeEnd('cohort', k));
      }
      const pt = tw.div(nSum);
      const pc = cw.div(nSum);
      const diff = improvement(metric, pt, pc);
      const rel = diff.div(pc);
      const units = diff.times(nSum).div(scale);
      const unitPrice = price.times(ctx.index.factor(end));
      const passes = rel.gte(rule.pooled.threshold);
      tests.push(`pooled over ${pooledCohorts.join(', ')} (weighted by treatment sample size): treatment ${show(pt)}, comparison ${show(pc)}, n ${nSum.toFixed()}`);
      tests.push(`pooled relative improvement ${show(rel)} ${passes ? '>=' : '<'} pooled threshold ${rule.pooled.threshold}: ${passes ? 'pooled trigger met' : 'no pooled payment'}`);
      const ix = ctx.index.describe(end);
      if (ix) tests.push(ix);
      let pooled = passes ? units.times(unitPrice) : ZERO;
      if (pooled.lt(0)) pooled = ZERO;
      const topUp = pooled.gt(cohortTotal) ? exactMinus(pooled, cohortTotal) : ZERO;
      if (passes) {
        tests.push(`pooled entitlement ${show(units)} units × ${str(unitPrice)} = ${str(pooled)}; already due under the cohort tests ${str(cohortTotal)}; top-up ${str(topUp)}`);
      }
      const items: StatementItem[] = topUp.isZero()
        ? []
        : [
          statementItem({ item: `${rule.metric} improved vs the comparison group, pooled (${pooledCohorts.join(', ')})`, unit: 'units improved', quantity: units, unitPrice, gross: pooled }),
          statementItem({ item: 'less: already due under the cohort tests', unit: 'amount', quantity: new Dec(1), gross: cohortTotal.neg() }),
        ];
      scopes.push({
        scope: 'pooled', scopeKind: 'pooled', amount: topUp, gross: topUp, capEffects: [], tests, priceApplied: str(unitPrice), items,
        inputs: {
          cohorts: pooledCohorts, resultIds: pooledCohorts.map((k) => usable.get(k)!.id), pooledTreatment: str(pt), pooledComparison: str(pc),
          pooledSampleSize: nSum.toFixed(), relativeImprovement: str(rel), unitsImproved: str(units), pooledEntitlement: str(pooled),
          alreadyDueUnderCohortTests: str(cohortTotal),
        },
      });
    }
  }
  return { scopes, notes };
}
