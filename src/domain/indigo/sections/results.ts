import { improvement } from '../../engine/measure.ts';
import { dec } from '../../money/money.ts';
import type { IndigoResult } from '../types.ts';
import { type ExportContext, LEDGER_SOURCE } from './context.ts';

/**
 * results: validated aggregate results (treatment vs comparison in words) and validated
 * participant-level claims per metric and cohort; "Final" once the contract is closed, else "Interim".
 * An aggregate result the evaluator rejected and the operator disputes (an open dispute) is given
 * with the standard's DISPUTED status; once the dispute is upheld it is validated (PUBLIC), once
 * dismissed it is left out like any rejected result.
 */
export function results(x: ExportContext): IndigoResult[] {
  const { d, input, validatorIds, metricByKey, metricName, metricRef, resultType, scopeRange, periodOf, pctRounded, asOf, PUBLIC } = x;
  const validatorRef = validatorIds.length > 0 ? { outcomes_validator_organisation_ids: { value: validatorIds.join(',') } } : {};
  const compositeTargets = (metric: string): string[] =>
    d.pricing.flatMap((r) => (r.kind === 'weighted_composite' ? r.components.filter((c) => c.metric === metric && c.target).map((c) => c.target!) : []));

  const aggregateResults = input.results.map((r): IndigoResult => {
    const m = metricByKey.get(r.metric);
    const unit = m?.unit ?? '';
    let achieved: string;
    if (r.comparisonValue !== null) {
      const t = dec(r.treatmentValue);
      const c = dec(r.comparisonValue);
      achieved = `Treatment ${r.treatmentValue} vs comparison ${r.comparisonValue} ${unit}`.trimEnd();
      if (m && !c.isZero()) {
        const better = improvement(m, t, c).div(c);
        achieved += `: ${pctRounded(better.abs(), 1)} ${better.gte(0) ? 'better' : 'worse'} than the comparison group (${m.direction === 'decrease' ? 'lower' : 'higher'} is better)`;
      }
    } else {
      achieved = `${r.treatmentValue} ${unit}`.trimEnd();
      const targets = compositeTargets(r.metric);
      if (targets.length > 0) {
        achieved += ` (${targets.map((target) => `${pctRounded(dec(r.treatmentValue).div(target), 0)} of the target of ${target}`).join('; ')})`;
      }
    }
    const scopeKey = r.cohort ?? r.period;
    return {
      ...metricRef(r.metric),
      result_level: { value: 'Outcome level' },
      result_type: { value: resultType },
      period: periodOf(scopeRange(scopeKey) ?? { start: d.term.start, end: r.measuredOn }),
      outcomes_achieved: { value: `${metricName(r.metric)}: ${achieved}` },
      ...(r.treatmentSampleSize !== null && { number_engaged_in_impact_bond: { value: r.treatmentSampleSize } }),
      ...validatorRef,
      source_ids: LEDGER_SOURCE,
      notes: `Result ${r.id} for ${r.cohort ? `cohort "${r.cohort}"` : r.period ? `period "${r.period}"` : 'the contract'}, measured on ${r.measuredOn}; ` +
        (r.disputed ? 'rejected by the evaluator, and the operator disputes the rejection in Outcome Ledger.' : 'validated in Outcome Ledger.'),
      status: r.disputed ? 'DISPUTED' : PUBLIC,
    };
  });

  const claimResults = input.claimSummary.map((c): IndigoResult => ({
    ...metricRef(c.metric),
    result_level: { value: 'Outcome level' },
    result_type: { value: resultType },
    period: periodOf(scopeRange(c.cohort) ?? d.term),
    outcomes_achieved: {
      value: `${metricName(c.metric)}: ${c.validated} validated outcome${c.validated === 1 ? '' : 's'} for ${c.participants} participant${c.participants === 1 ? '' : 's'}`,
    },
    number_with_positive_social_outcomes: { value: c.participants },
    ...validatorRef,
    source_ids: LEDGER_SOURCE,
    notes: `Validated participant-level claims of metric "${c.metric}" in cohort "${c.cohort}", as of ${asOf}.`,
    status: PUBLIC,
  }));

  return [...aggregateResults, ...claimResults];
}
