import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money/money.ts';
import { aggregateMetric, asPrior, define, line, result, run, scopeOf } from './helpers.ts';

// Peterborough (domain.md): reconviction events per 100 prisoners vs a matched comparison group.
// Price per event avoided is not public: 2,000 is illustrative.
const peterborough = () =>
  define({
    policyArea: 'criminal_justice',
    term: { start: '2010-09-01', end: '2017-12-31' },
    cohorts: [
      { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2010-09-09', end: '2012-07-01' }, followUpMonths: 12, recordingLagMonths: 6 },
      { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2012-07-02', end: '2014-06-30' }, followUpMonths: 12, recordingLagMonths: 6 },
    ],
    metrics: [aggregateMetric('reconviction_events', 'decrease', { unit: 'reconviction events per 100', scale: '100' })],
    pricing: [{
      key: 'reconviction', kind: 'counterfactual_threshold', metric: 'reconviction_events', cohorts: ['cohort_1', 'cohort_2'],
      cohortThreshold: '0.10', pricePerUnit: '2000', pooled: { threshold: '0.075' },
    }],
  });

const cohort1 = result('r1', 'reconviction_events', '2014-06-30', {
  cohort: 'cohort_1', treatmentValue: '142', comparisonValue: '155', treatmentSampleSize: 1000, comparisonSampleSize: 9000,
});

describe('counterfactual threshold (Peterborough)', () => {
  it('pays nothing for cohort 1: 142 vs 155 events per 100 is an 8.4% reduction, below 10%', () => {
    const r = run(peterborough(), { asOf: '2014-08-01', results: [cohort1] });
    const s = scopeOf(r, 'reconviction', 'cohort_1');
    expect(new Dec(s.inputs.relativeImprovement as string).eq(new Dec(13).div(155))).toBe(true);
    expect(s.inputs.relativeImprovement).toMatch(/^0\.08387096774/);
    expect(s.tests.join('\n')).toContain('< cohort threshold 0.10: no cohort payment');
    expect(s.inputs.unitsImproved).toBe('130');
    expect(s.gross).toBe('0');
    expect(r.obligations).toEqual([]);
    expect(line(r, 'reconviction:cohort_1:payer').entitled).toBe('0.00');
    // the pooled fallback waits for every pooled cohort
    expect(r.rules[0]!.notes).toEqual([
      'cohort cohort_2: no reconviction_events result measured on or before 2014-08-01: not evaluated',
      'pooled fallback not evaluated: no usable result yet for cohort_2',
    ]);
  });

  it('pays the pooled trigger (about 9% >= 7.5%) when no cohort reached 10%, less what was already paid', () => {
    // cohort 2: 135.55 vs 150 = 9.63% (no cohort payment); pooled: 138.775 vs 152.5 = 9.0%
    const cohort2 = result('r2', 'reconviction_events', '2016-06-30', {
      cohort: 'cohort_2', treatmentValue: '135.55', comparisonValue: '150', treatmentSampleSize: 1000,
    });
    const first = run(peterborough(), { asOf: '2014-08-01', results: [cohort1] });
    const r = run(peterborough(), { asOf: '2016-08-01', results: [cohort1, cohort2], prior: asPrior(first) });
    expect(scopeOf(r, 'reconviction', 'cohort_2').gross).toBe('0');
    const pooled = scopeOf(r, 'reconviction', 'pooled');
    expect(pooled.inputs.relativeImprovement).toBe('0.09');
    expect(pooled.inputs.pooledTreatment).toBe('138.775');
    expect(pooled.inputs.pooledComparison).toBe('152.5');
    // pooled units: (152.5 − 138.775) × 2000 / 100 = 274.5 events avoided × 2,000
    expect(pooled.inputs.unitsImproved).toBe('274.5');
    expect(pooled.gross).toBe('549000');
    expect(r.obligations).toEqual([
      expect.objectContaining({ lineKey: 'reconviction:pooled:payer', amount: '549000.00', kind: 'payment' }),
    ]);
  });

  it('tops up to the pooled entitlement less what the cohort tests already paid', () => {
    // cohort 2 beats 10% (133 vs 150 = 11.3%): pays 170 units; pooled 137.5 vs 152.5 = 9.8%: 300 units
    const cohort2 = result('r2', 'reconviction_events', '2016-06-30', {
      cohort: 'cohort_2', treatmentValue: '133', comparisonValue: '150', treatmentSampleSize: 1000,
    });
    const r = run(peterborough(), { asOf: '2016-08-01', results: [cohort1, cohort2] });
    expect(line(r, 'reconviction:cohort_2:payer').entitled).toBe('340000.00');
    expect(line(r, 'reconviction:pooled:payer').entitled).toBe('260000.00');
    expect(scopeOf(r, 'reconviction', 'pooled').inputs.alreadyDueUnderCohortTests).toBe('340000');
    expect(r.totals.entitled).toBe('600000.00');

    // paid in two evaluations: the cohort 2 payment first, then only the top-up is new
    const early = run(peterborough(), { asOf: '2016-08-01', results: [cohort2] });
    expect(early.totals.newObligations).toBe('340000.00');
    const later = run(peterborough(), { asOf: '2016-08-01', results: [cohort1, cohort2], prior: asPrior(early) });
    expect(later.obligations.map((o) => [o.lineKey, o.amount])).toEqual([['reconviction:pooled:payer', '260000.00']]);
  });

  it('pays no top-up when the cohort payments exceed the pooled entitlement', () => {
    const c1 = result('r1', 'reconviction_events', '2014-06-30', { cohort: 'cohort_1', treatmentValue: '100', comparisonValue: '155', treatmentSampleSize: 1000 });
    const c2 = result('r2', 'reconviction_events', '2016-06-30', { cohort: 'cohort_2', treatmentValue: '160', comparisonValue: '150', treatmentSampleSize: 1000 });
    const r = run(peterborough(), { results: [c1, c2] });
    // cohort 1 pays 55 × 10 = 550 units; cohort 2 is worse than its comparison; pooled 130 vs 152.5 → 450 units
    expect(line(r, 'reconviction:cohort_1:payer').entitled).toBe('1100000.00');
    expect(line(r, 'reconviction:pooled:payer').entitled).toBe('0.00');
  });

  it('uses the latest result for a cohort and says so; treats a missing sample size as 1', () => {
    const old = result('r0', 'reconviction_events', '2013-06-30', { cohort: 'cohort_1', treatmentValue: '100', comparisonValue: '155', treatmentSampleSize: 1000 });
    const tieLow = result('r1a', 'reconviction_events', '2014-06-30', { cohort: 'cohort_1', treatmentValue: '100', comparisonValue: '155' });
    const tieHigh = result('r1b', 'reconviction_events', '2014-06-30', { cohort: 'cohort_1', treatmentValue: '130', comparisonValue: '155' });
    const s = scopeOf(run(peterborough(), { results: [tieHigh, old, tieLow] }), 'reconviction', 'cohort_1');
    expect(s.inputs.resultId).toBe('r1b');
    expect(s.tests[0]).toBe('3 results for reconviction_events in cohort cohort_1: used r1b (latest measuredOn 2014-06-30, ties to the greatest id)');
    expect(s.tests).toContain('result r1b has no treatment sample size: counted as 1');
    // 25 per 100 × 1 / 100 = 0.25 units × 2,000
    expect(s.gross).toBe('500');
  });

  it('ignores results measured after the cut-off', () => {
    const r = run(peterborough(), { asOf: '2014-06-29', results: [cohort1] });
    expect(r.rules[0]!.scopes).toEqual([]);
    expect(r.lines).toEqual([]);
  });
});
