import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import type { ParticipantClaim } from '../../../src/domain/measurement/types.ts';
import { addDays } from '../../../src/domain/time/dates.ts';
import { define, participantMetric } from './helpers.ts';

// One million claims for 100,000 participants on a rate card with prerequisites, a sustainment
// clock, claim limits, an outcome cap, a participant cap and indexation.
describe('performance', () => {
  it('evaluates 1,000,000 claims for 100,000 participants in a few seconds', () => {
    const metrics = ['entry', 'ended', 'sustained', 'assessment', 'job', 'job_26', 'qualification', 'volunteering', 'training', 'mentoring'];
    const def = define({
      cohorts: [
        { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2021-12-31' }, followUpMonths: 12, recordingLagMonths: 0 },
        { key: 'cohort_2', name: 'C2', enrolment: { start: '2022-01-01', end: '2023-12-31' }, followUpMonths: 12, recordingLagMonths: 0 },
      ],
      metrics: metrics.map((m) => participantMetric(m)),
      indexation: { kind: 'annual_rate', rate: '0.02', baseDate: '2020-01-01' },
      pricing: [{
        key: 'card', kind: 'rate_card', participantCap: '5000',
        outcomes: [
          { metric: 'entry', price: '600' },
          { metric: 'sustained', price: '1500', sustainment: { clockStart: 'entry', months: 3, resetBy: ['ended'] } },
          { metric: 'assessment', price: '100', maxClaimsPerParticipant: 3 },
          { metric: 'job', price: '1200' },
          { metric: 'job_26', price: '1000', requires: ['job'] },
          { metric: 'qualification', price: '700', cap: '30000000' },
          { metric: 'volunteering', price: '300' },
          { metric: 'training', price: '250', maxClaimsPerParticipant: 2 },
          { metric: 'mentoring', price: '150', maxClaimsPerParticipant: 2 },
        ],
      }],
    });
    const claims: ParticipantClaim[] = [];
    for (let p = 0; p < 100_000; p++) {
      const cohort = p % 2 === 0 ? 'cohort_1' : 'cohort_2';
      const start = addDays(cohort === 'cohort_1' ? '2020-01-01' : '2022-01-01', p % 700);
      for (let k = 0; k < 10; k++) {
        claims.push({ id: `c${p}-${k}`, participantRef: `p${p}`, metric: metrics[(p + k) % 10]!, cohort, achievedOn: addDays(start, k * 40) });
      }
    }
    const started = performance.now();
    const r = evaluate({ definition: def, asOf: '2026-12-31', claims, results: [], priorObligations: [], drawdowns: [] });
    const ms = performance.now() - started;
    console.log(`1,000,000 claims / 100,000 participants evaluated in ${Math.round(ms)} ms`);
    expect(r.lines).toHaveLength(2);
    expect(r.totals.entitled).not.toBe('0.00');
    expect(ms).toBeLessThan(30_000);
  }, 120_000);
});
