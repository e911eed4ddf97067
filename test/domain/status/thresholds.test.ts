import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { contractStatus } from '../../../src/domain/status/contract-status.ts';

/**
 * The status view's outcomes against the threshold of a counterfactual rule (what the status
 * page's "Outcomes achieved" table and chart show): Peterborough's two cohorts against the 10%
 * per-cohort threshold, from the published results (QinetiQ / Anders and Dorsett).
 */
const peterborough = ContractDefinition.parse(JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')));

function statusWith(results: { cohort: string; treatmentValue: string; comparisonValue: string | null }[], definition = peterborough) {
  return contractStatus({
    today: '2017-06-30', definition, drawdowns: [], obligations: [], settlements: [], distributions: [], claimCounts: [], scenarioTotals: [],
    latestResults: results.map((r) => ({ metric: 'reconviction_events', period: null, measuredOn: '2015-12-31', ...r })),
  });
}

describe('outcomes against a counterfactual threshold', () => {
  it('gives each cohort its improvement on the comparison group, the improvement required and the level that pays', () => {
    const status = statusWith([{ cohort: 'cohort_1', treatmentValue: '142', comparisonValue: '155' }, { cohort: 'cohort_2', treatmentValue: '135.6', comparisonValue: '150' }]);
    const scopes = status.outcomes.find((o) => o.metric === 'reconviction_events')!.byScope as Record<string, unknown>[];
    expect(scopes.map((s) => [s.cohort, s.improvement, s.threshold, s.thresholdLevel, s.reachesThreshold])).toEqual([
      ['cohort_1', '0.083870967741935483871', '0.1', '139.5', false], // (155 − 142) / 155 = 8.39% < 10%: needs 139.5 or fewer
      ['cohort_2', '0.096', '0.1', '135', false],
    ]);
  });

  it('reaches the threshold exactly at the level that pays, and says nothing without a comparison value', () => {
    const status = statusWith([{ cohort: 'cohort_1', treatmentValue: '139.5', comparisonValue: '155' }, { cohort: 'cohort_2', treatmentValue: '120', comparisonValue: null }]);
    const scopes = status.outcomes[0]!.byScope as Record<string, unknown>[];
    expect(scopes[0]).toMatchObject({ improvement: '0.1', reachesThreshold: true });
    expect(scopes[1]).toMatchObject({ improvement: null, thresholdLevel: null, reachesThreshold: null, threshold: '0.1' });
  });

  it('is absent for a metric no counterfactual rule prices', () => {
    const educate = ContractDefinition.parse(JSON.parse(readFileSync('contracts/educate-girls.json', 'utf8')));
    const status = contractStatus({
      today: '2018-03-31', definition: educate, drawdowns: [], obligations: [], settlements: [], distributions: [], claimCounts: [], scenarioTotals: [],
      latestResults: [{ metric: educate.metrics[0]!.key, cohort: null, period: null, measuredOn: '2018-03-31', treatmentValue: '10', comparisonValue: '8' }],
    });
    for (const o of status.outcomes) for (const s of o.byScope as Record<string, unknown>[]) expect(s).not.toHaveProperty('threshold');
  });
});
