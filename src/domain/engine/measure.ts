import type { Metric, measures } from '../contract/definition.ts';
import type { AggregateResult } from '../measurement/types.ts';
import { Dec } from '../money/money.ts';

/**
 * Measures of an aggregate result, as defined for `Measure` in the contract definition:
 * - relative_improvement: (comparison − treatment) / comparison for a 'decrease' metric,
 *   (treatment − comparison) / comparison for an 'increase' metric;
 * - absolute_improvement: the difference in the better direction;
 * - units_improved: absolute_improvement × treatment sample size / metric scale (scale default 1;
 *   a missing sample size counts as 1 and is explained);
 * - value: the treatment value;
 * - achievement: treatment value / comparison value (the target).
 * A measure that needs a comparison value fails (the scope is not evaluated) when it is missing,
 * or zero where it divides.
 */

export type Measure = (typeof measures)[number];

export type MeasureOutcome = { ok: true; value: Dec; notes: string[] } | { ok: false; reason: string };

export function improvement(metric: Metric, treatment: Dec, comparison: Dec): Dec {
  return metric.direction === 'decrease' ? comparison.minus(treatment) : treatment.minus(comparison);
}

export function sampleSize(r: AggregateResult, notes: string[]): Dec {
  if (r.treatmentSampleSize === undefined) {
    notes.push(`result ${r.id} has no treatment sample size: counted as 1`);
    return new Dec(1);
  }
  return new Dec(r.treatmentSampleSize);
}

export function computeMeasure(measure: Measure, metric: Metric, r: AggregateResult): MeasureOutcome {
  const notes: string[] = [];
  const t = new Dec(r.treatmentValue);
  if (measure === 'value') return { ok: true, value: t, notes };
  if (r.comparisonValue === undefined) return { ok: false, reason: `result ${r.id} has no comparison value, needed for ${measure}` };
  const c = new Dec(r.comparisonValue);
  switch (measure) {
    case 'relative_improvement':
      if (c.isZero()) return { ok: false, reason: `result ${r.id} has a zero comparison value: relative improvement is undefined` };
      return { ok: true, value: improvement(metric, t, c).div(c), notes };
    case 'absolute_improvement':
      return { ok: true, value: improvement(metric, t, c), notes };
    case 'units_improved': {
      const n = sampleSize(r, notes);
      return { ok: true, value: improvement(metric, t, c).times(n).div(metric.scale ?? '1'), notes };
    }
    case 'achievement':
      if (c.isZero()) return { ok: false, reason: `result ${r.id} has a zero comparison value (target): achievement is undefined` };
      return { ok: true, value: t.div(c), notes };
  }
}

export function resultInputs(r: AggregateResult): Record<string, string | number> {
  const out: Record<string, string | number> = { resultId: r.id, measuredOn: r.measuredOn, treatmentValue: r.treatmentValue };
  if (r.comparisonValue !== undefined) out.comparisonValue = r.comparisonValue;
  if (r.treatmentSampleSize !== undefined) out.treatmentSampleSize = r.treatmentSampleSize;
  if (r.comparisonSampleSize !== undefined) out.comparisonSampleSize = r.comparisonSampleSize;
  return out;
}
