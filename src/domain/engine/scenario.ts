import type { ContractDefinition } from '../contract/definition.ts';
import type { AggregateResult, ParticipantClaim } from '../measurement/types.ts';
import { addMonths, type IsoDate } from '../time/dates.ts';

/**
 * Outcome data synthesised from one of the definition's scenarios, for forecasts (dry-run
 * evaluations with `evaluate`).
 *
 * - Participant-level expectation {metric, cohort, count, participants?}: `count` claims of the
 *   metric spread round-robin over `participants` (default: `count`) synthetic participants
 *   `scenario-<cohort>-<n>` (n from 1), so expectations of the same cohort share participants and
 *   prerequisites can be met. Claims are dated the cohort's enrolment end — except that a metric
 *   that some rate card prices with a sustainment clock is dated `months` later (the longest such
 *   clock), so the clock started at enrolment end has run. Claim ids:
 *   `scenario-<scenario>-<expectation index>-<k>` (k from 1).
 * - Aggregate expectation: one result dated the cohort enrolment end or period end (an expectation
 *   naming neither is skipped), id `scenario-<scenario>-<expectation index>`.
 * Data dated after asOf is left out, as `evaluate` would ignore it anyway.
 * An unknown scenario key throws an Error naming the known ones.
 */
export function scenarioData(
  definition: ContractDefinition, scenarioKey: string, asOf: IsoDate,
): { claims: ParticipantClaim[]; results: AggregateResult[] } {
  const scenario = definition.scenarios.find((s) => s.key === scenarioKey);
  if (!scenario) {
    const known = definition.scenarios.map((s) => s.key);
    throw new Error(
      `Unknown scenario "${scenarioKey}" for contract ${definition.reference}; ${known.length ? `known scenarios: ${known.join(', ')}` : 'it defines no scenarios'}`,
    );
  }
  const cohortEnd = new Map(definition.cohorts.map((c) => [c.key, c.enrolment.end]));
  const periodEnd = new Map(definition.periods.map((p) => [p.key, p.end]));
  const sustainMonths = new Map<string, number>();
  for (const rule of definition.pricing) {
    if (rule.kind !== 'rate_card') continue;
    for (const o of rule.outcomes) {
      if (o.sustainment) sustainMonths.set(o.metric, Math.max(sustainMonths.get(o.metric) ?? 0, o.sustainment.months));
    }
  }

  const claims: ParticipantClaim[] = [];
  const results: AggregateResult[] = [];
  scenario.expectations.forEach((e, j) => {
    if ('count' in e) {
      const end = cohortEnd.get(e.cohort);
      if (end === undefined) throw new Error(`Scenario "${scenarioKey}" names an unknown cohort "${e.cohort}"`);
      const date = addMonths(end, sustainMonths.get(e.metric) ?? 0);
      if (date > asOf) return;
      const people = e.participants ?? e.count;
      for (let k = 0; k < e.count; k++) {
        claims.push({
          id: `scenario-${scenario.key}-${j}-${k + 1}`, participantRef: `scenario-${e.cohort}-${(k % people) + 1}`,
          metric: e.metric, cohort: e.cohort, achievedOn: date,
        });
      }
      return;
    }
    const date = e.cohort !== undefined ? cohortEnd.get(e.cohort) : e.period !== undefined ? periodEnd.get(e.period) : undefined;
    if (date === undefined || date > asOf) return;
    results.push({
      id: `scenario-${scenario.key}-${j}`, metric: e.metric, measuredOn: date, treatmentValue: e.treatmentValue,
      ...(e.cohort !== undefined ? { cohort: e.cohort } : {}),
      ...(e.period !== undefined ? { period: e.period } : {}),
      ...(e.comparisonValue !== undefined ? { comparisonValue: e.comparisonValue } : {}),
      ...(e.treatmentSampleSize !== undefined ? { treatmentSampleSize: e.treatmentSampleSize } : {}),
      ...(e.comparisonSampleSize !== undefined ? { comparisonSampleSize: e.comparisonSampleSize } : {}),
    });
  });
  return { claims, results };
}
