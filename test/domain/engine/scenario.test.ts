import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import { scenarioData } from '../../../src/domain/engine/scenario.ts';
import { aggregateMetric, define, participantMetric } from './helpers.ts';

const def = () =>
  define({
    periods: [{ key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31' }],
    metrics: [
      participantMetric('entry'), participantMetric('sustained'), participantMetric('job'),
      aggregateMetric('savings', 'increase'), aggregateMetric('events', 'decrease'),
    ],
    pricing: [
      {
        key: 'card', kind: 'rate_card', outcomes: [
          { metric: 'entry', price: '600' },
          { metric: 'sustained', price: '1500', requires: ['entry'], sustainment: { clockStart: 'entry', months: 3 } },
          { metric: 'job', price: '100', maxClaimsPerParticipant: 2 },
        ],
      },
      { key: 'savings', kind: 'savings_share', metric: 'savings', scope: 'period', initialShare: '0.5', subsequentShare: '0.1', threshold: { amount: '1000000' } },
      { key: 'cf', kind: 'counterfactual_threshold', metric: 'events', cohorts: ['cohort_1'], cohortThreshold: '0.1', pricePerUnit: '10' },
    ],
    scenarios: [{
      key: 'medium', name: 'Medium',
      expectations: [
        { metric: 'entry', cohort: 'cohort_1', count: 10 },
        { metric: 'sustained', cohort: 'cohort_1', count: 8 },
        { metric: 'job', cohort: 'cohort_1', count: 6, participants: 2 },
        { metric: 'savings', period: 'year_1', treatmentValue: '200000' },
        { metric: 'events', cohort: 'cohort_1', treatmentValue: '40', comparisonValue: '50', treatmentSampleSize: 100 },
      ],
    }],
  });

describe('scenario data for forecasts', () => {
  it('synthesises claims round-robin over synthetic participants and results at the scope ends', () => {
    const { claims, results } = scenarioData(def(), 'medium', '2026-12-31');
    expect(claims).toHaveLength(24);
    const jobs = claims.filter((c) => c.metric === 'job');
    expect(jobs.map((c) => c.participantRef)).toEqual(['scenario-cohort_1-1', 'scenario-cohort_1-2', 'scenario-cohort_1-1', 'scenario-cohort_1-2', 'scenario-cohort_1-1', 'scenario-cohort_1-2']);
    expect(jobs[0]).toMatchObject({ id: 'scenario-medium-2-1', cohort: 'cohort_1', achievedOn: '2020-12-31' });
    // a sustainment outcome is dated when its clock (started at enrolment end) has run
    expect(claims.find((c) => c.metric === 'sustained')!.achievedOn).toBe('2021-03-31');
    expect(results).toEqual([
      { id: 'scenario-medium-3', metric: 'savings', period: 'year_1', measuredOn: '2020-12-31', treatmentValue: '200000' },
      { id: 'scenario-medium-4', metric: 'events', cohort: 'cohort_1', measuredOn: '2020-12-31', treatmentValue: '40', comparisonValue: '50', treatmentSampleSize: 100 },
    ]);
  });

  it('feeds a dry-run evaluation', () => {
    const definition = def();
    const data = scenarioData(definition, 'medium', '2026-12-31');
    const r = evaluate({ definition, asOf: '2026-12-31', ...data, priorObligations: [], drawdowns: [] });
    // card: 10 × 600 + 8 × 1500 + 4 × 100 (2 per participant) = 18,400; savings 100,000; events 10 × 100 × 10 = 10,000
    expect(r.lines.map((l) => [l.lineKey, l.entitled])).toEqual([
      ['card:cohort_1:payer', '18400.00'], ['savings:year_1:payer', '100000.00'], ['cf:cohort_1:payer', '10000.00'],
    ]);
  });

  it('leaves out data dated after the cut-off', () => {
    const { claims, results } = scenarioData(def(), 'medium', '2021-01-31');
    expect(claims.some((c) => c.metric === 'sustained')).toBe(false);
    expect(results).toHaveLength(2);
  });

  it('throws a clear error for an unknown scenario', () => {
    expect(() => scenarioData(def(), 'high', '2026-12-31')).toThrow('Unknown scenario "high" for contract TEST/ENGINE/1; known scenarios: medium');
  });
});
