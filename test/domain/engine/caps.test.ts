import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money/money.ts';
import { aggregateMetric, claim, define, line, participantMetric, result, run, scopeOf } from './helpers.ts';

const cohorts = [
  { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0, maxPayment: '2500' },
  { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
];
const jobs = (n: number, cohort = 'cohort_1', prefix = 'p') =>
  Array.from({ length: n }, (_, i) => claim(`${prefix}${cohort}-${i}`, 'job', `2021-02-${String(i + 1).padStart(2, '0')}`, { cohort }));

describe('rule caps', () => {
  it('caps each scope (perScope) and then the rule total, cutting the last scope first', () => {
    const def = define({
      cohorts: cohorts.map((c) => ({ ...c, maxPayment: undefined })),
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }], cap: { perScope: '4000', total: '5000' } }],
    });
    const r = run(def, { claims: [...jobs(5), ...jobs(3, 'cohort_2')] });
    expect(line(r, 'card:cohort_1:payer').entitled).toBe('4000.00');
    expect(line(r, 'card:cohort_2:payer').entitled).toBe('1000.00');
    expect(scopeOf(r, 'card', 'cohort_1').capEffects).toEqual([{ cap: 'rule.cap.perScope', limit: '4000', cut: '1000' }]);
    expect(scopeOf(r, 'card', 'cohort_2').capEffects).toEqual([{ cap: 'rule.cap.total', limit: '5000', cut: '2000' }]);
    expect(r.rules[0]!.capEffects).toEqual([
      { cap: 'rule.cap.perScope', limit: '4000', cut: '1000' }, { cap: 'rule.cap.total', limit: '5000', cut: '2000' },
    ]);
    expect(r.rules[0]).toMatchObject({ gross: '8000', net: '5000' });
  });
});

describe('caps across rules', () => {
  const twoRules = (extra: Record<string, unknown> = {}) =>
    define({
      cohorts,
      metrics: [participantMetric('job'), participantMetric('housing')],
      pricing: [
        { key: 'first', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }] },
        { key: 'second', kind: 'rate_card', outcomes: [{ metric: 'housing', price: '1000' }] },
      ],
      ...extra,
    });
  const claims = () => [
    ...jobs(2),
    claim('h1', 'housing', '2021-01-01'), claim('h2', 'housing', '2021-01-02'),
    claim('h3', 'housing', '2021-01-03', { cohort: 'cohort_2' }),
  ];

  it('caps a cohort across rules, cutting the later rule first', () => {
    const r = run(twoRules(), { claims: claims() });
    // cohort 1: first 2,000 + second 2,000 = 4,000 > 2,500
    expect(line(r, 'first:cohort_1:payer').entitled).toBe('2000.00');
    expect(line(r, 'second:cohort_1:payer').entitled).toBe('500.00');
    expect(line(r, 'second:cohort_2:payer').entitled).toBe('1000.00');
    expect(r.contractCapEffects).toEqual([{ cap: 'cohort.maxPayment (cohort_1)', limit: '2500', cut: '1500', lineKey: 'second:cohort_1:payer' }]);
    expect(scopeOf(r, 'second', 'cohort_1')).toMatchObject({ gross: '2000', net: '500' });
  });

  it("caps a payer's commitment across its lines, then the contract maximum, in reverse definition order", () => {
    const payerCapped = run(twoRules({ payers: [{ party: 'payer', maximumCommitment: '3200' }] }), { claims: claims() });
    // after the cohort cap: 2,000 + 500 + 1,000 = 3,500 > 3,200: the last line (second, cohort_2) gives 300
    expect(payerCapped.contractCapEffects.at(-1)).toEqual({ cap: 'payer.maximumCommitment (payer)', limit: '3200', cut: '300', lineKey: 'second:cohort_2:payer' });
    expect(payerCapped.totals.entitled).toBe('3200.00');

    const contractCapped = run(twoRules({ maximumOutcomePayment: '1800' }), { claims: claims() });
    expect(contractCapped.contractCapEffects.slice(1)).toEqual([
      { cap: 'maximumOutcomePayment', limit: '1800', cut: '1000', lineKey: 'second:cohort_2:payer' },
      { cap: 'maximumOutcomePayment', limit: '1800', cut: '500', lineKey: 'second:cohort_1:payer' },
      { cap: 'maximumOutcomePayment', limit: '1800', cut: '200', lineKey: 'first:cohort_1:payer' },
    ]);
    expect(contractCapped.lines.map((l) => l.entitled)).toEqual(['1800.00', '0.00', '0.00']);
  });

  it('caps a period across rules', () => {
    const def = define({
      periods: [{ key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31', maxPayment: '150' }],
      metrics: [aggregateMetric('a', 'increase'), aggregateMetric('b', 'increase')],
      pricing: [
        { key: 'ta', kind: 'tiered', metric: 'a', scope: 'period', measure: 'value', tiers: [{ atLeast: '1', amount: '100' }] },
        { key: 'tb', kind: 'tiered', metric: 'b', scope: 'period', measure: 'value', tiers: [{ atLeast: '1', amount: '100' }] },
      ],
    });
    const r = run(def, { results: [result('ra', 'a', '2021-01-01', { period: 'year_1', treatmentValue: '1' }), result('rb', 'b', '2021-01-01', { period: 'year_1', treatmentValue: '1' })] });
    expect(r.lines.map((l) => l.entitled)).toEqual(['100.00', '50.00']);
    expect(r.contractCapEffects[0]).toMatchObject({ cap: 'period.maxPayment (year_1)', cut: '50' });
  });

  it('limits a pooled top-up to what its cohorts\u2019 maxPayment leave', () => {
    const def = define({
      cohorts: [
        { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0, maxPayment: '300000' },
        { key: 'cohort_2', name: 'C2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0, maxPayment: '300000' },
      ],
      metrics: [aggregateMetric('events', 'decrease', { scale: '100' })],
      pricing: [{
        key: 'cf', kind: 'counterfactual_threshold', metric: 'events', cohorts: ['cohort_1', 'cohort_2'], cohortThreshold: '0.10',
        pricePerUnit: '2000', pooled: { threshold: '0.075' },
      }],
    });
    const results = [
      result('r1', 'events', '2022-01-01', { cohort: 'cohort_1', treatmentValue: '142', comparisonValue: '155', treatmentSampleSize: 1000 }),
      result('r2', 'events', '2022-01-01', { cohort: 'cohort_2', treatmentValue: '133', comparisonValue: '150', treatmentSampleSize: 1000 }),
    ];
    const r = run(def, { results });
    // cohort 2 pays 340,000 → capped at 300,000; pooled 600,000 − 340,000 = 260,000 top-up, room 600,000 − 300,000 = 300,000
    expect(line(r, 'cf:cohort_2:payer').entitled).toBe('300000.00');
    expect(line(r, 'cf:pooled:payer').entitled).toBe('260000.00');
    const tight = define({ ...def, cohorts: def.cohorts.map((c) => ({ ...c, maxPayment: '250000' })) });
    const t = run(tight, { results });
    expect(line(t, 'cf:cohort_2:payer').entitled).toBe('250000.00');
    expect(line(t, 'cf:pooled:payer').entitled).toBe('250000.00');
    expect(t.contractCapEffects.at(-1)).toMatchObject({ cap: 'cohort.maxPayment (pooled: cohort_1 + cohort_2)', limit: '500000', cut: '10000' });
  });
});

describe('investor return cap (money multiple)', () => {
  it('limits new obligations to multiple × drawdowns less what was already obligated, pro rata across investors', () => {
    const def = define({
      parties: [
        { key: 'payer', name: 'Payer', roles: ['outcome_payer'] },
        { key: 'senior', name: 'Senior', roles: ['investor'] },
        { key: 'junior', name: 'Junior', roles: ['investor'] },
        { key: 'grantor', name: 'Grantor', roles: ['investor'] },
        { key: 'provider', name: 'Provider', roles: ['operator'] },
      ],
      investors: [
        { party: 'senior', commitment: '1000', seniority: 'senior', returnCap: { kind: 'multiple', multiple: '1.5' } },
        { party: 'junior', commitment: '1000', seniority: 'subordinate', returnCap: { kind: 'multiple', multiple: '2' } },
        { party: 'grantor', commitment: '5000', seniority: 'grant' },
      ],
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }] }],
    });
    const drawdowns = [{ investor: 'senior', date: '2020-02-01', amount: '1000' }, { investor: 'junior', date: '2020-02-01', amount: '1000' }];
    const r = run(def, { claims: jobs(10), drawdowns });
    // capacity: 1.5 × 1,000 + 2 × 1,000 = 3,500
    expect(r.totals.entitled).toBe('3500.00');
    expect(r.returnCap!.investors.map((i) => i.cap)).toEqual(['not repaid (grant)', 'multiple 1.5', 'multiple 2']);
    const prior = [{ id: 'ob-1', lineKey: 'card:cohort_1:payer', amount: '1000.00', dueOn: '2021-01-01' }];
    const again = run(def, { claims: jobs(10), drawdowns, prior });
    // each investor is taken to have received half of the 1,000: 3,500 − 1,000 = 2,500 more
    expect(again.totals.newObligations).toBe('2500.00');
    expect(again.returnCap!.capacity).toBe('2500');
  });

  it('is unlimited when a repaid investor has no return cap', () => {
    const def = define({
      investors: [{ party: 'investor', commitment: '1000', seniority: 'senior' }],
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }] }],
    });
    const r = run(def, { claims: jobs(3) });
    expect(r.totals.entitled).toBe('3000.00');
    expect(r.returnCap!.capacity).toBe('unlimited');
  });

  it('never claws back through the return cap alone', () => {
    const def = define({
      investors: [{ party: 'investor', commitment: '1000', seniority: 'senior', returnCap: { kind: 'multiple', multiple: '1.1' } }],
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }] }],
    });
    const prior = [{ id: 'ob-1', lineKey: 'card:cohort_1:payer', amount: '2000.00', dueOn: '2021-01-01' }];
    const r = run(def, { claims: jobs(3), prior });
    expect(r.obligations).toEqual([]);
    expect(r.returnCap!.capacityExact).toBe('-900');
  });
});

describe('caps hold after rounding', () => {
  it('leaves a line cut by a binding cap in whole minor units so rounded lines never exceed it', () => {
    const def = define({
      parties: [
        { key: 'a', name: 'A', roles: ['outcome_payer'] }, { key: 'b', name: 'B', roles: ['outcome_payer'] },
        { key: 'c', name: 'C', roles: ['outcome_payer'] },
        { key: 'investor', name: 'Investor', roles: ['investor'] }, { key: 'provider', name: 'Provider', roles: ['operator'] },
      ],
      payers: ['a', 'b', 'c'].map((party) => ({ party, maximumCommitment: '1000000' })),
      maximumOutcomePayment: '100',
      metrics: [participantMetric('job')],
      pricing: [{
        key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '100.015' }],
        payers: [{ party: 'a', share: '0.333333333333' }, { party: 'b', share: '0.333333333333' }, { party: 'c', share: '0.333333333334' }],
      }],
    });
    const r = run(def, { claims: jobs(1) });
    const total = r.lines.reduce((s, l) => s.plus(l.entitled), new Dec(0));
    expect(total.lte(100)).toBe(true);
    expect(r.lines.map((l) => l.entitled)).toEqual(['33.34', '33.34', '33.32']);
    expect(r.totals.newObligations).toBe('100.00');
  });
});
