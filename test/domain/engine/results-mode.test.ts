import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import { Dec } from '../../../src/domain/money/money.ts';
import { aggregateMetric, asPrior, baseContract, define, line, participantMetric, result, run, scopeOf } from './helpers.ts';

/**
 * Issue 14, gap 5: whether the results of a scope replace each other (a re-estimate of the same
 * measure; metric.results 'replace', the default) or accumulate (successive periods, each paid on
 * its own; 'accumulate').
 */

const cohorts = [
  { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
  { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
];
const periods = [
  { key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31' },
  { key: 'year_2', name: 'Year 2', start: '2021-01-01', end: '2021-12-31' },
  { key: 'year_3', name: 'Year 3', start: '2022-01-01', end: '2022-12-31' },
];
const savingsMetric = (results?: 'replace' | 'accumulate') => aggregateMetric('savings', 'increase', { unit: 'GBP', ...(results ? { results } : {}) });

function problemsOf(overrides: Record<string, unknown>) {
  const v = validateDefinition({ ...baseContract(), ...overrides });
  return v.ok ? [] : v.problems.map((p) => ({ path: p.path.join('.'), message: p.message }));
}

describe('results mode in the definition', () => {
  it('defaults to replace, so every existing definition keeps its meaning', () => {
    const d = define({ cohorts, metrics: [savingsMetric()], pricing: [{ key: 's', kind: 'savings_share', metric: 'savings', scope: 'cohort', initialShare: '0.5', subsequentShare: '0.5', threshold: { amount: '1' } }] });
    expect(d.metrics[0]!.results).toBe('replace');
  });

  it('refuses accumulating results where a rule compares one result per scope, and on participant-level metrics', () => {
    const problems = problemsOf({
      cohorts,
      metrics: [
        aggregateMetric('reconvictions', 'decrease', { results: 'accumulate' }),
        aggregateMetric('enrolment', 'increase'),
        aggregateMetric('learning', 'increase', { results: 'accumulate' }),
        participantMetric('job', { results: 'accumulate' }),
      ],
      pricing: [
        { key: 'cf', kind: 'counterfactual_threshold', metric: 'reconvictions', cohorts: ['cohort_1'], cohortThreshold: '0.1', pricePerUnit: '100' },
        {
          key: 'wc', kind: 'weighted_composite', scope: 'cohort', paymentAtFullAchievement: '1000',
          components: [{ metric: 'enrolment', weight: '0.5', target: '10' }, { metric: 'learning', weight: '0.5', target: '10' }],
        },
      ],
    });
    expect(problems).toEqual(expect.arrayContaining([
      {
        path: 'pricing.0.metric',
        message: 'metric "reconvictions" accumulates its results (results: "accumulate"), but a counterfactual_threshold rule compares each cohort once with its comparison group and pools cohorts on those results: its metric\'s results must replace each other (results: "replace")',
      },
      {
        path: 'pricing.1.components.1.metric',
        message: 'metric "learning" accumulates its results (results: "accumulate"), but a weighted_composite rule weighs one achievement per component and scope against its target: its metric\'s results must replace each other (results: "replace")',
      },
      { path: 'metrics.3.results', message: "only aggregate-level metrics have results that accumulate; a participant-level metric's claims are each paid on their own" },
    ]));
    expect(problems.map((p) => p.path)).not.toContain('pricing.1.components.0.metric');
  });

  it('accepts accumulating results for savings shares, tiers and linear rules, and an explicit replace anywhere', () => {
    expect(problemsOf({
      cohorts, periods,
      metrics: [aggregateMetric('savings', 'increase', { results: 'accumulate' }), participantMetric('job', { results: 'replace' })],
      pricing: [
        { key: 's', kind: 'savings_share', metric: 'savings', scope: 'cohort', initialShare: '0.5', subsequentShare: '0.2', threshold: { amount: '100' } },
        { key: 't', kind: 'tiered', metric: 'savings', scope: 'period', measure: 'value', tiers: [{ atLeast: '1', amount: '10' }] },
        { key: 'l', kind: 'linear', metric: 'savings', scope: 'cohort', measure: 'value', floor: '0', pricePerUnit: '1' },
        { key: 'r', kind: 'rate_card', outcomes: [{ metric: 'job', price: '10' }] },
      ],
    })).toEqual([]);
  });
});

describe('savings measured each year for a cohort', () => {
  const def = (results?: 'replace' | 'accumulate', threshold: unknown = { amount: '1000000' }) => define({
    cohorts, periods, metrics: [savingsMetric(results)],
    pricing: [{ key: 'savings', kind: 'savings_share', metric: 'savings', scope: 'cohort', initialShare: '0.5', subsequentShare: '0.2', threshold }],
  });
  const yearly = [
    result('y1', 'savings', '2021-03-01', { cohort: 'cohort_1', treatmentValue: '1200000' }),
    result('y2', 'savings', '2022-03-01', { cohort: 'cohort_1', treatmentValue: '1000000' }),
  ];

  it('replace: year 2 is a re-estimate of the cohort\'s saving and replaces year 1', () => {
    const r = run(def('replace'), { results: yearly });
    expect(line(r, 'savings:cohort_1:payer').entitled).toBe('500000.00');
    expect(scopeOf(r, 'savings', 'cohort_1').tests).toContain('2 results for savings in cohort cohort_1: used y2 (latest measuredOn 2022-03-01, ties to the greatest id)');
  });

  it('accumulate: each year pays on its own, through the waterfall', () => {
    const r = run(def('accumulate'), { results: yearly });
    // year 1: 600,000 at 50%; year 2: 800,000 of savings at 50% reach the threshold, the other 200,000 at 20%
    expect(line(r, 'savings:cohort_1:payer').entitled).toBe('1040000.00');
    const s = scopeOf(r, 'savings', 'cohort_1');
    expect(s.tests[0]).toBe('2 results for savings in cohort cohort_1 accumulate (one per measurement date, each paid on its own): y1 (2021-03-01), y2 (2022-03-01)');
    expect(s.inputs.resultIds).toEqual(['y1', 'y2']);
    expect(s.items!.map((i) => [i.item, i.quantity, i.unitPrice, i.net])).toEqual([
      ['savings at the initial share (result y1, measured 2021-03-01)', '1200000', '0.5', '600000'],
      ['savings at the initial share (result y2, measured 2022-03-01)', '800000', '0.5', '400000'],
      ['savings at the subsequent share (result y2, measured 2022-03-01)', '200000', '0.2', '40000'],
    ]);
  });

  it('accumulate: results of one cohort pay exactly as the same savings per period would, with interest to each due date', () => {
    const interest = { principalPlusInterest: { annualRate: '0.05' } };
    const perCohort = def('accumulate', interest);
    const perPeriod = define({
      cohorts, periods, metrics: [savingsMetric()],
      pricing: [{ key: 'savings', kind: 'savings_share', metric: 'savings', scope: 'period', initialShare: '0.5', subsequentShare: '0.2', threshold: interest }],
    });
    const byPeriod = [
      result('y1', 'savings', '2021-03-01', { period: 'year_1', treatmentValue: '1200000' }),
      result('y2', 'savings', '2022-03-01', { period: 'year_2', treatmentValue: '1100000' }),
    ];
    const byCohort = byPeriod.map(({ period: _, ...r }) => ({ ...r, cohort: 'cohort_1' }));
    const total = (d: typeof perCohort, results: typeof byPeriod) => {
      const e1 = run(d, { asOf: '2021-03-31', results });
      const e2 = run(d, { asOf: '2022-03-31', results, prior: asPrior(e1, 'e1') });
      return [e1.totals.newObligations, e2.totals.newObligations];
    };
    expect(total(perCohort, byCohort)).toEqual(total(perPeriod, byPeriod));
    expect(total(perCohort, byCohort)).toEqual(['600000.00', '529863.01']);
  });

  it('accumulate: results measured on the same date replace each other (ties to the greatest id); a later date adds', () => {
    const r = run(def('accumulate'), {
      results: [
        result('a', 'savings', '2021-03-01', { cohort: 'cohort_1', treatmentValue: '100000' }),
        result('b', 'savings', '2021-03-01', { cohort: 'cohort_1', treatmentValue: '200000' }),
        result('c', 'savings', '2021-06-01', { cohort: 'cohort_1', treatmentValue: '10000' }),
      ],
    });
    expect(line(r, 'savings:cohort_1:payer').entitled).toBe('105000.00');
    expect(scopeOf(r, 'savings', 'cohort_1').tests[0]).toBe(
      '2 results for savings in cohort cohort_1 accumulate (one per measurement date, each paid on its own): b (2021-03-01), c (2021-06-01); 1 other was replaced by a later one measured on the same date (ties to the greatest id)',
    );
  });
});

describe('tiered and linear rules over accumulating results', () => {
  const def = (results: 'replace' | 'accumulate') => define({
    cohorts,
    metrics: [aggregateMetric('employment', 'increase', { results })],
    pricing: [
      { key: 'tier', kind: 'tiered', metric: 'employment', scope: 'cohort', measure: 'absolute_improvement', tiers: [{ atLeast: '0.05', amount: '1000' }, { atLeast: '0.10', amount: '3000' }] },
      { key: 'lin', kind: 'linear', metric: 'employment', scope: 'cohort', measure: 'absolute_improvement', floor: '0.05', pricePerUnit: '100', unitSize: '0.01' },
    ],
  });
  const results = [
    result('q1', 'employment', '2021-06-30', { cohort: 'cohort_1', treatmentValue: '0.62', comparisonValue: '0.50' }), // +12 points
    result('q2', 'employment', '2021-12-31', { cohort: 'cohort_1', treatmentValue: '0.57', comparisonValue: '0.50' }), // +7 points
    result('q3', 'employment', '2022-06-30', { cohort: 'cohort_1', treatmentValue: '0.60' }), // no comparison value
  ];

  it('replace: only the latest result counts (and one that cannot be measured leaves the scope unevaluated)', () => {
    const r = run(def('replace'), { results: results.slice(0, 2) });
    expect(line(r, 'tier:cohort_1:payer').entitled).toBe('1000.00');
    expect(line(r, 'lin:cohort_1:payer').entitled).toBe('200.00');
    const all = run(def('replace'), { results });
    expect(all.lines).toEqual([]);
    expect(all.rules[0]!.notes).toContain('cohort cohort_1: result q3 has no comparison value, needed for absolute_improvement: not evaluated');
  });

  it('accumulate: each measurement pays its own tier and its own units above the floor; an unmeasurable one is not paid', () => {
    const r = run(def('accumulate'), { results });
    expect(line(r, 'tier:cohort_1:payer').entitled).toBe('4000.00'); // 3,000 + 1,000
    expect(line(r, 'lin:cohort_1:payer').entitled).toBe('900.00'); // (12 − 5) × 100 + (7 − 5) × 100
    expect(r.rules[0]!.notes).toContain('cohort cohort_1: result q3 has no comparison value, needed for absolute_improvement: that result is not paid');
    expect(scopeOf(r, 'tier', 'cohort_1').items!.map((i) => [i.item, i.quantity, i.unitPrice, i.gross])).toEqual([
      ['tier 0.10 (result q1, measured 2021-06-30)', '1', '3000', '3000'],
      ['tier 0.05 (result q2, measured 2021-12-31)', '1', '1000', '1000'],
    ]);
    expect(scopeOf(r, 'lin', 'cohort_1').items!.map((i) => [i.quantity, i.unitPrice, i.gross])).toEqual([['7', '100', '700'], ['2', '100', '200']]);
    expect(scopeOf(r, 'lin', 'cohort_1').inputs.units).toEqual(['7', '2']);
  });

  it('accumulate and replace agree when each scope has one result', () => {
    const one = [results[0]!, { ...results[1]!, id: 'c2', cohort: 'cohort_2' }];
    const a = run(def('accumulate'), { results: one });
    const b = run(def('replace'), { results: one });
    expect(a.lines).toEqual(b.lines);
    expect(new Dec(a.totals.entitled).eq('4900')).toBe(true); // tiers 3,000 + 1,000, linear 700 + 200
  });
});
