import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money/money.ts';
import { aggregateMetric, asPrior, claim, define, line, participantMetric, result, run, scopeOf } from './helpers.ts';

const cohorts = [
  { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
  { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
];
const periods = [
  { key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31' },
  { key: 'year_2', name: 'Year 2', start: '2021-01-01', end: '2021-12-31' },
  { key: 'year_3', name: 'Year 3', start: '2022-01-01', end: '2022-12-31' },
];

describe('tiered (NYC Rikers-style bands of reduction in jail bed-days)', () => {
  const def = (measure = 'relative_improvement') =>
    define({
      cohorts, periods,
      metrics: [aggregateMetric('jail_days', 'decrease')],
      pricing: [{
        key: 'bands', kind: 'tiered', metric: 'jail_days', scope: 'period', measure,
        tiers: [{ atLeast: '0.085', amount: '4800000' }, { atLeast: '0.10', amount: '6000000' }, { atLeast: '0.11', amount: '7200000' }],
      }],
    });
  const res = (period: string, t: string, id = period) => result(id, 'jail_days', '2022-12-31', { period, treatmentValue: t, comparisonValue: '100' });

  it('pays the amount of the highest tier reached, not the sum', () => {
    const r = run(def(), { results: [res('year_1', '91.5'), res('year_2', '89.5'), res('year_3', '92')] });
    expect(line(r, 'bands:year_1:payer').entitled).toBe('4800000.00'); // 8.5% exactly reaches the first tier
    expect(line(r, 'bands:year_2:payer').entitled).toBe('6000000.00'); // 10.5%
    expect(line(r, 'bands:year_3:payer').entitled).toBe('0.00'); // 8%
    expect(scopeOf(r, 'bands', 'year_3').tests).toContain('relative_improvement 0.08 < lowest tier 0.085: no payment');
  });

  it('computes the other measures: value, absolute improvement, achievement, units improved', () => {
    const r = run(def('absolute_improvement'), { results: [res('year_1', '89.9')] });
    expect(scopeOf(r, 'bands', 'year_1').inputs.measureValue).toBe('10.1');
    const v = run(define({
      cohorts, periods, metrics: [aggregateMetric('score', 'increase', { scale: '10' })],
      pricing: [
        { key: 'value', kind: 'tiered', metric: 'score', scope: 'cohort', measure: 'value', tiers: [{ atLeast: '50', amount: '100' }] },
        { key: 'achievement', kind: 'tiered', metric: 'score', scope: 'cohort', measure: 'achievement', tiers: [{ atLeast: '1.2', amount: '200' }] },
        { key: 'units', kind: 'tiered', metric: 'score', scope: 'cohort', measure: 'units_improved', tiers: [{ atLeast: '100', amount: '300' }] },
      ],
    }), { results: [result('s', 'score', '2021-01-01', { cohort: 'cohort_1', treatmentValue: '60', comparisonValue: '50', treatmentSampleSize: 100 })] });
    expect(scopeOf(v, 'value', 'cohort_1').inputs.measureValue).toBe('60');
    expect(scopeOf(v, 'achievement', 'cohort_1').inputs.measureValue).toBe('1.2');
    expect(scopeOf(v, 'units', 'cohort_1').inputs.measureValue).toBe('100'); // 10 × 100 / 10
    expect(v.totals.entitled).toBe('600.00');
  });

  it('does not evaluate a scope whose measure needs a missing comparison value', () => {
    const r = run(def(), { results: [result('x', 'jail_days', '2021-01-01', { period: 'year_1', treatmentValue: '90' })] });
    expect(r.lines).toEqual([]);
    expect(r.rules[0]!.notes).toContain('period year_1: result x has no comparison value, needed for relative_improvement: not evaluated');
  });

  it('only evaluates the selected scopes', () => {
    const only = define({
      cohorts, periods, metrics: [aggregateMetric('jail_days', 'decrease')],
      pricing: [{ key: 'bands', kind: 'tiered', metric: 'jail_days', scope: 'period', scopes: ['year_2'], measure: 'relative_improvement', tiers: [{ atLeast: '0.05', amount: '10' }] }],
    });
    const r = run(only, { results: [res('year_1', '80'), res('year_2', '80')] });
    expect(r.lines.map((l) => l.lineKey)).toEqual(['bands:year_2:payer']);
  });
});

describe('linear above a floor', () => {
  const def = (paysFrom: 'floor' | 'zero') =>
    define({
      cohorts,
      metrics: [aggregateMetric('employment_rate', 'increase')],
      pricing: [{
        key: 'linear', kind: 'linear', metric: 'employment_rate', scope: 'cohort', measure: 'absolute_improvement',
        floor: '0.05', pricePerUnit: '10000', unitSize: '0.01', paysFrom,
      }],
    });
  const results = [
    result('a', 'employment_rate', '2021-06-30', { cohort: 'cohort_1', treatmentValue: '0.62', comparisonValue: '0.55' }),
    result('b', 'employment_rate', '2022-06-30', { cohort: 'cohort_2', treatmentValue: '0.59', comparisonValue: '0.55' }),
  ];

  it('pays nothing below the floor and the part above it per unit', () => {
    const r = run(def('floor'), { results });
    // cohort 1: 7 points − 5 = 2 points × 10,000; cohort 2: 4 points < 5
    expect(line(r, 'linear:cohort_1:payer').entitled).toBe('20000.00');
    expect(line(r, 'linear:cohort_2:payer').entitled).toBe('0.00');
  });

  it('pays the whole measure once the floor is reached with paysFrom zero', () => {
    expect(line(run(def('zero'), { results }), 'linear:cohort_1:payer').entitled).toBe('70000.00');
  });
});

describe('volume-banded unit prices', () => {
  const def = () =>
    define({
      cohorts,
      metrics: [participantMetric('job_start')],
      pricing: [{
        key: 'volume', kind: 'volume_banded', metric: 'job_start', maxClaimsPerParticipant: 1,
        bands: [{ upTo: 2, price: '1000' }, { upTo: 3, price: '800' }, { price: '500' }],
      }],
    });

  it('prices the k-th eligible outcome overall by its band, across cohorts, in achievement order', () => {
    const claims = [
      claim('a', 'job_start', '2021-01-01'),
      claim('b', 'job_start', '2021-01-02', { cohort: 'cohort_2' }),
      claim('a', 'job_start', '2021-01-03'), // second for a: not paid, not counted
      claim('c', 'job_start', '2021-01-04'),
      claim('d', 'job_start', '2021-01-05', { cohort: 'cohort_2' }),
      claim('e', 'job_start', '2021-01-06'),
    ];
    const r = run(def(), { claims });
    // 1st a 1000 (c1), 2nd b 1000 (c2), 3rd c 800 (c1), 4th d 500 (c2), 5th e 500 (c1)
    expect(line(r, 'volume:cohort_1:payer').entitled).toBe('2300.00');
    expect(line(r, 'volume:cohort_2:payer').entitled).toBe('1500.00');
    const s = scopeOf(r, 'volume', 'cohort_1');
    expect(s.participants!.map((p) => [p.participantRef, p.claims.map((c) => c.reason ?? c.paid)])).toEqual([['a', ['1000', 'claim limit reached']]]);
  });
});

describe('share of savings with a waterfall', () => {
  const def = (threshold: unknown) =>
    define({
      cohorts, periods,
      investors: [{ party: 'investor', commitment: '1000000', seniority: 'senior' }],
      metrics: [aggregateMetric('savings', 'increase', { unit: 'GBP' })],
      pricing: [{ key: 'savings', kind: 'savings_share', metric: 'savings', scope: 'period', initialShare: '0.5', subsequentShare: '0.2', threshold }],
    });
  const results = [
    result('y1', 'savings', '2021-03-01', { period: 'year_1', treatmentValue: '1200000' }),
    result('y2', 'savings', '2022-03-01', { period: 'year_2', treatmentValue: '1000000' }),
    result('y3', 'savings', '2023-03-01', { period: 'year_3', treatmentValue: '500000' }),
  ];

  it('pays the initial share until the threshold is reached, splitting the savings of that period exactly', () => {
    const r = run(def({ amount: '1000000' }), { results });
    // year 1: 600,000; year 2: 800,000 of savings at 50% reach the threshold, the other 200,000 at 20%
    expect(line(r, 'savings:year_1:payer').entitled).toBe('600000.00');
    expect(line(r, 'savings:year_2:payer').entitled).toBe('440000.00');
    expect(line(r, 'savings:year_3:payer').entitled).toBe('100000.00');
  });

  it('accrues principal plus simple interest to the date each payment falls due (worked example over three evaluations)', () => {
    // Payments fall due 30 days after their evaluation's cut-off (paymentTermsDays). Independently:
    const days = (from: string, to: string) => (Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8))) / 86_400_000;
    const T = (due: string) => new Dec(1_000_000).times(new Dec('0.05').times(days('2020-01-01', due)).div(365).plus(1));
    const cents = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2);
    expect([days('2020-01-01', '2021-04-30'), days('2020-01-01', '2022-04-30'), days('2020-01-01', '2023-04-30')]).toEqual([485, 850, 1215]);
    const data = [
      result('y1', 'savings', '2021-03-01', { period: 'year_1', treatmentValue: '1200000' }),
      result('y2', 'savings', '2022-03-01', { period: 'year_2', treatmentValue: '1100000' }),
      result('y3', 'savings', '2023-03-01', { period: 'year_3', treatmentValue: '500000' }),
    ];
    const d = def({ principalPlusInterest: { annualRate: '0.05' } });

    // 1. cut-off 2021-03-31, due 2021-04-30: threshold 1,066,438.36; year 1's 1,200,000 all at 50%
    const e1 = run(d, { asOf: '2021-03-31', results: data });
    expect(scopeOf(e1, 'savings', 'year_1').inputs.threshold).toBe(T('2021-04-30').toFixed());
    expect(e1.obligations.map((o) => [o.scope, o.amount, o.dueOn])).toEqual([['year_1', '600000.00', '2021-04-30']]);

    // 2. cut-off 2022-03-31, due 2022-04-30: year 1 keeps its due date; year 2 crosses its threshold 1,116,438.36
    const e2 = run(d, { asOf: '2022-03-31', results: data, prior: asPrior(e1, 'e1') });
    expect(scopeOf(e2, 'savings', 'year_1').inputs.paymentDueOn).toBe('2021-04-30');
    expect(scopeOf(e2, 'savings', 'year_2').inputs.threshold).toBe(T('2022-04-30').toFixed());
    const atInitial = T('2022-04-30').minus(600_000).div('0.5'); // 1,032,876.71… of savings bring payments to the threshold
    const year2 = atInitial.times('0.5').plus(new Dec(1_100_000).minus(atInitial).times('0.2'));
    expect(e2.obligations.map((o) => [o.scope, o.amount, o.dueOn])).toEqual([['year_2', cents(year2), '2022-04-30']]);
    expect(cents(year2)).toBe('529863.01');

    // 3. cut-off 2023-03-31: the threshold was reached by year 2, so year 3 pays 20% although interest kept accruing
    const prior = [...asPrior(e1, 'e1'), ...asPrior(e2, 'e2')];
    const e3 = run(d, { asOf: '2023-03-31', results: data, prior });
    expect(e3.obligations.map((o) => [o.scope, o.amount])).toEqual([['year_3', '100000.00']]);
    expect(scopeOf(e3, 'savings', 'year_3').items!.map((i) => [i.item, i.quantity, i.unitPrice, i.gross])).toEqual([
      ['savings at the subsequent share', '500000', '0.2', '100000'],
    ]);
    // and again later: nothing moves
    expect(run(d, { asOf: '2023-12-31', results: data, prior: [...prior, ...asPrior(e3, 'e3')] }).obligations).toEqual([]);

    // a what-if on the same data with no obligations yet: everything falls due 2023-04-30, threshold 1,166,438.36
    const whatIf = run(d, { asOf: '2023-03-31', results: data });
    expect(line(whatIf, 'savings:year_1:payer').entitled).toBe('600000.00');
    expect(line(whatIf, 'savings:year_2:payer').entitled).toBe('550000.00');
    const s3 = T('2023-04-30').minus(1_150_000).div('0.5');
    expect(line(whatIf, 'savings:year_3:payer').entitled).toBe(cents(s3.times('0.5').plus(new Dec(500_000).minus(s3).times('0.2'))));
    expect(line(whatIf, 'savings:year_3:payer').entitled).toBe('109863.01');
  });
});

describe('indexation', () => {
  const def = (indexation: unknown) =>
    define({
      cohorts,
      metrics: [participantMetric('job'), aggregateMetric('score', 'increase')],
      indexation,
      pricing: [
        { key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }], cap: { total: '1000000' } },
        { key: 'tier', kind: 'tiered', metric: 'score', scope: 'cohort', measure: 'value', tiers: [{ atLeast: '1', amount: '1000' }] },
      ],
    });
  const claims = () => [
    claim('a', 'job', '2021-03-31'), claim('b', 'job', '2021-04-01'), claim('c', 'job', '2023-04-01'),
  ];
  const results = [
    result('s1', 'score', '2021-06-01', { cohort: 'cohort_1', treatmentValue: '2' }),
    result('s2', 'score', '2022-06-01', { cohort: 'cohort_2', treatmentValue: '2' }),
  ];

  it('compounds an annual rate on each full year since the base date, at achievedOn or the scope end', () => {
    const r = run(def({ kind: 'annual_rate', rate: '0.02', baseDate: '2020-04-01' }), { claims: claims(), results, detail: 'all' });
    const prices = scopeOf(r, 'card', 'cohort_1').participants!.map((p) => p.claims[0]!.price);
    expect(prices).toEqual(['1000', '1020', '1061.208']);
    // tier amounts at the cohort enrolment end: 2020-12-31 (0 years), 2021-12-31 (1 year)
    expect(line(r, 'tier:cohort_1:payer').entitled).toBe('1000.00');
    expect(line(r, 'tier:cohort_2:payer').entitled).toBe('1020.00');
  });

  it('applies the latest schedule step in effect', () => {
    const r = run(def({ kind: 'schedule', steps: [{ effectiveFrom: '2021-04-01', factor: '1.1' }, { effectiveFrom: '2023-01-01', factor: '1.25' }] }), { claims: claims(), results, detail: 'all' });
    expect(scopeOf(r, 'card', 'cohort_1').participants!.map((p) => p.claims[0]!.price)).toEqual(['1000', '1100', '1250']);
    expect(line(r, 'tier:cohort_2:payer').entitled).toBe('1100.00');
  });

  it('does not index caps', () => {
    const capped = define({
      metrics: [participantMetric('job')],
      indexation: { kind: 'schedule', steps: [{ effectiveFrom: '2020-01-01', factor: '2' }] },
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }], participantCap: '1500' }],
    });
    const r = run(capped, { claims: [claim('a', 'job', '2021-01-01')] });
    expect(r.totals.entitled).toBe('1500.00');
  });
});

describe('payer shares', () => {
  it('splits each scope among the payers of the rule, one line per payer, the last taking the exact remainder', () => {
    const def = define({
      parties: [
        { key: 'ministry', name: 'Ministry', roles: ['outcome_payer'] },
        { key: 'city', name: 'City', roles: ['outcome_payer'] },
        { key: 'investor', name: 'Investor', roles: ['investor'] },
        { key: 'provider', name: 'Provider', roles: ['operator'] },
        { key: 'spv', name: 'SPV', roles: ['intermediary'] },
      ],
      payers: [{ party: 'ministry', maximumCommitment: '1000000' }, { party: 'city', maximumCommitment: '1000000' }],
      metrics: [participantMetric('job')],
      pricing: [{
        key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '100.01' }],
        payers: [{ party: 'ministry', share: '0.6' }, { party: 'city', share: '0.4' }],
      }],
    });
    const r = run(def, { claims: [claim('a', 'job', '2021-01-01')] });
    expect(r.lines.map((l) => [l.lineKey, l.entitledExact, l.entitled])).toEqual([
      ['card:cohort_1:ministry', '60.006', '60.01'],
      ['card:cohort_1:city', '40.004', '40.00'],
    ]);
    expect(r.obligations.map((o) => [o.payer, o.recipient, o.amount])).toEqual([['ministry', 'spv', '60.01'], ['city', 'spv', '40.00']]);
    expect(new Dec(scopeOf(r, 'card', 'cohort_1').net).eq('100.01')).toBe(true);
  });
});
