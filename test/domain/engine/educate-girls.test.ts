import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money/money.ts';
import { daysBetween } from '../../../src/domain/time/dates.ts';
import { aggregateMetric, asPrior, define, line, result, run, scopeOf } from './helpers.ts';

// Educate Girls DIB (India, 2015; domain.md). The payment at full achievement (300,000) is illustrative.
const educateGirls = (overrides: Record<string, unknown> = {}) =>
  define({
    reference: 'EG/DIB/2015',
    policyArea: 'education',
    jurisdiction: 'IN',
    currency: 'USD',
    term: { start: '2015-03-01', end: '2018-12-31' },
    parties: [
      { key: 'ciff', name: "Children's Investment Fund Foundation", roles: ['outcome_payer'] },
      { key: 'ubs_optimus', name: 'UBS Optimus Foundation', roles: ['investor'] },
      { key: 'educate_girls', name: 'Educate Girls', roles: ['operator'] },
      { key: 'idinsight', name: 'IDinsight', roles: ['evaluator'] },
    ],
    payers: [{ party: 'ciff', maximumCommitment: '450000' }], // illustrative: above the contract maximum
    investors: [{
      party: 'ubs_optimus', commitment: '270000', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.15' },
      tranches: [{ key: 'upfront', amount: '270000', plannedDate: '2015-06-15' }],
    }],
    maximumOutcomePayment: '422000',
    cohorts: [{ key: 'bhilwara', name: 'Bhilwara schools', enrolment: { start: '2015-06-01', end: '2018-03-31' }, followUpMonths: 0, recordingLagMonths: 3 }],
    metrics: [
      aggregateMetric('enrolment', 'increase', { unit: 'girls', validationMethod: 'randomised_controlled_trial' }),
      aggregateMetric('learning', 'increase', { unit: 'ASER levels', validationMethod: 'randomised_controlled_trial' }),
    ],
    pricing: [{
      key: 'composite', kind: 'weighted_composite', scope: 'cohort', paymentAtFullAchievement: '300000',
      components: [{ metric: 'enrolment', weight: '0.2', target: '662' }, { metric: 'learning', weight: '0.8', target: '5592' }],
    }],
    evaluation: { schedule: '0 6 1 * *', timeZone: 'Asia/Kolkata', paymentTermsDays: 30 },
    ...overrides,
  });

const results = [
  result('enrol', 'enrolment', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '768' }),
  result('learn', 'learning', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '8940' }),
];

describe('weighted composite with return cap (Educate Girls)', () => {
  it('weights enrolment 0.2 and learning 0.8 against their targets', () => {
    const r = run(educateGirls(), { asOf: '2018-06-30', results });
    const s = scopeOf(r, 'composite', 'bhilwara');
    const expected = new Dec('0.2').times(new Dec(768).div(662)).plus(new Dec('0.8').times(new Dec(8940).div(5592)));
    expect(new Dec(s.inputs.weightedAchievement as string).toSignificantDigits(30).eq(expected.toSignificantDigits(30))).toBe(true);
    expect(expected.toFixed(4)).toBe('1.5110');
    // 300,000 × 1.511 = 453,300 before caps
    expect(new Dec(s.gross).toFixed(2)).toBe(expected.times(300000).toFixed(2));
  });

  it('caps the payment by the maximum outcome payment and then at the 15% IRR the investor may receive', () => {
    const r = run(educateGirls(), { asOf: '2018-06-30', results });
    // independent computation: 270,000 drawn 2015-06-15, valued at the due date 2018-07-30
    const days = daysBetween('2015-06-15', '2018-07-30');
    expect(days).toBe(1141);
    const capacity = new Dec(270000).times(new Dec('1.15').pow(new Dec(days).div(365)));
    const floored = capacity.toDecimalPlaces(2, Dec.ROUND_FLOOR).toFixed(2);
    expect(floored.startsWith('417')).toBe(true);
    expect(r.obligations).toEqual([expect.objectContaining({ lineKey: 'composite:bhilwara:ciff', amount: floored, kind: 'payment', currency: 'USD', recipient: 'educate_girls', dueOn: '2018-07-30' })]);
    // stacking order: payer commitment (450,000), contract maximum (422,000), then the return cap
    expect(r.contractCapEffects.map((e) => [e.cap, e.limit])).toEqual([
      ['payer.maximumCommitment (ciff)', '450000'], ['maximumOutcomePayment', '422000'], ['investor.returnCap', capacity.toFixed()],
    ]);
    const gross = new Dec(scopeOf(r, 'composite', 'bhilwara').gross);
    expect(r.contractCapEffects.map((e) => e.cut).slice(0, 2)).toEqual([gross.minus(450000).toFixed(), '28000']);
    expect(new Dec(r.returnCap!.capacity).eq(capacity)).toBe(true);
    expect(r.returnCap!.investors[0]).toMatchObject({ party: 'ubs_optimus', cap: 'irr 0.15', drawdownSource: 'planned tranches', drawn: '270000' });
    const s = scopeOf(r, 'composite', 'bhilwara');
    expect(new Dec(s.net).eq(floored)).toBe(true);
    expect(new Dec(s.gross).minus(s.capEffects.reduce((t, e) => t.plus(e.cut), new Dec(0))).eq(s.net)).toBe(true);
  });

  it('leaves room only for what the investor has not yet received, valued at the same rate', () => {
    const first = run(educateGirls(), { asOf: '2017-06-30', results: [
      result('enrol0', 'enrolment', '2017-06-01', { cohort: 'bhilwara', treatmentValue: '300' }),
      result('learn0', 'learning', '2017-06-01', { cohort: 'bhilwara', treatmentValue: '2000' }),
    ] });
    const interim = first.obligations[0]!;
    const r = run(educateGirls(), { asOf: '2018-06-30', results, prior: asPrior(first) });
    const g = (from: string) => new Dec('1.15').pow(new Dec(daysBetween(from, '2018-07-30')).div(365));
    const capacity = new Dec(270000).times(g('2015-06-15')).minus(new Dec(interim.amount).times(g(interim.dueOn)));
    expect(r.obligations).toHaveLength(1);
    expect(r.obligations[0]).toMatchObject({ kind: 'adjustment', corrects: ['ob-1'], amount: capacity.toDecimalPlaces(2, Dec.ROUND_FLOOR).toFixed(2) });
  });

  it('uses recorded drawdowns rather than the planned tranches', () => {
    const r = run(educateGirls(), { asOf: '2018-06-30', results, drawdowns: [
      { investor: 'ubs_optimus', date: '2015-06-15', amount: '200000' },
      { investor: 'ubs_optimus', date: '2016-06-15', amount: '70000' },
    ] });
    const g = (from: string) => new Dec('1.15').pow(new Dec(daysBetween(from, '2018-07-30')).div(365));
    const capacity = new Dec(200000).times(g('2015-06-15')).plus(new Dec(70000).times(g('2016-06-15')));
    expect(r.totals.newObligations).toBe(capacity.toDecimalPlaces(2, Dec.ROUND_FLOOR).toFixed(2));
    expect(r.returnCap!.investors[0]!.drawdownSource).toBe('recorded');
  });

  it('does not cap the payer when the surplus goes to the operator', () => {
    const r = run(educateGirls({ distribution: { surplus: 'operator' } }), { asOf: '2018-06-30', results });
    expect(r.totals.newObligations).toBe('422000.00');
    expect(r.returnCap).toBeUndefined();
  });

  it('does not evaluate a scope while a component result is missing', () => {
    const r = run(educateGirls(), { asOf: '2018-06-30', results: [results[0]!] });
    expect(r.lines).toEqual([]);
    expect(r.rules[0]!.notes).toEqual(['cohort bhilwara: no learning result measured on or before 2018-06-30: not evaluated']);
  });

  it('caps a component achievement and applies the minimum achievement', () => {
    const capped = educateGirls({
      pricing: [{
        key: 'composite', kind: 'weighted_composite', scope: 'cohort', paymentAtFullAchievement: '100000', minimumAchievement: '0.5',
        components: [{ metric: 'enrolment', weight: '0.2', target: '662' }, { metric: 'learning', weight: '0.8', target: '5592', maxAchievement: '1.2' }],
      }],
    });
    const s = scopeOf(run(capped, { asOf: '2018-06-30', results }), 'composite', 'bhilwara');
    expect(s.inputs['learning.achievement']).toBe('1.2');
    const low = run(capped, { asOf: '2018-06-30', results: [
      result('e', 'enrolment', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '100' }),
      result('l', 'learning', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '1000' }),
    ] });
    expect(scopeOf(low, 'composite', 'bhilwara').gross).toBe('0');
    expect(scopeOf(low, 'composite', 'bhilwara').tests.at(-1)).toMatch(/< minimum 0.5: no payment/);
  });

  it('uses the comparison value as target when a component has none', () => {
    const def = educateGirls({
      maximumOutcomePayment: undefined,
      pricing: [{
        key: 'composite', kind: 'weighted_composite', scope: 'cohort', paymentAtFullAchievement: '1000',
        components: [{ metric: 'enrolment', weight: '0.5' }, { metric: 'learning', weight: '0.5', target: '5000' }],
      }],
      distribution: { surplus: 'operator' },
    });
    const r = run(def, { asOf: '2018-06-30', results: [
      result('e', 'enrolment', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '150', comparisonValue: '100' }),
      result('l', 'learning', '2018-06-01', { cohort: 'bhilwara', treatmentValue: '5000' }),
    ] });
    expect(line(r, 'composite:bhilwara:ciff').entitled).toBe('1250.00');
  });
});
