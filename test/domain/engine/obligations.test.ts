import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../../src/domain/engine/evaluate.ts';
import { asPrior, claim, define, line, participantMetric, run } from './helpers.ts';

const card = (price = '1000', extra: Record<string, unknown> = {}) =>
  define({
    metrics: [participantMetric('job')],
    pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price }] }],
    ...extra,
  });

describe('obligations: cumulative and idempotent', () => {
  it('proposes a payment for a new line, due after the payment terms, to the first operator', () => {
    const r = run(card(), { asOf: '2021-03-31', claims: [claim('a', 'job', '2021-01-01')] });
    expect(r).toMatchObject({ engineVersion: ENGINE_VERSION, asOf: '2021-03-31', currency: 'GBP' });
    expect(r.obligations).toEqual([{
      lineKey: 'card:cohort_1:payer', ruleKey: 'card', scope: 'cohort_1', payer: 'payer', recipient: 'provider',
      amount: '1000.00', currency: 'GBP', dueOn: '2021-04-30', kind: 'payment', corrects: [],
    }]);
    expect(r.totals).toEqual({ entitled: '1000.00', previouslyObligated: '0.00', newObligations: '1000.00' });
  });

  it('proposes nothing when evaluated again with its own obligations as prior obligations', () => {
    const input = { asOf: '2021-03-31', claims: [claim('a', 'job', '2021-01-01'), claim('b', 'job', '2021-02-01')] };
    const first = run(card(), input);
    const second = run(card(), { ...input, prior: asPrior(first) });
    expect(second.obligations).toEqual([]);
    expect(second.totals).toEqual({ entitled: '2000.00', previouslyObligated: '2000.00', newObligations: '0.00' });
  });

  it('adds only the difference as an adjustment correcting the earlier obligations of the line', () => {
    const first = run(card(), { asOf: '2021-01-31', claims: [claim('a', 'job', '2021-01-01')] });
    const r = run(card(), { asOf: '2021-02-28', claims: [claim('a', 'job', '2021-01-01'), claim('b', 'job', '2021-02-01')], prior: asPrior(first) });
    expect(r.obligations).toEqual([expect.objectContaining({ amount: '1000.00', kind: 'adjustment', corrects: ['ob-1'] })]);
    expect(line(r, 'card:cohort_1:payer')).toMatchObject({ entitled: '2000.00', previouslyObligated: '1000.00', delta: '1000.00' });
  });

  it('withdraws an entitlement whose data was withdrawn with a negative adjustment referencing the prior obligation', () => {
    const first = run(card(), { asOf: '2021-01-31', claims: [claim('a', 'job', '2021-01-01')] });
    const r = run(card(), { asOf: '2021-02-28', claims: [], prior: asPrior(first) });
    expect(r.lines).toEqual([{
      lineKey: 'card:cohort_1:payer', ruleKey: 'card', scope: 'cohort_1', payer: 'payer', entitledExact: '0', entitled: '0.00',
      previouslyObligated: '1000.00', delta: '-1000.00',
    }]);
    expect(r.obligations).toEqual([expect.objectContaining({ amount: '-1000.00', kind: 'adjustment', corrects: ['ob-1'] })]);
    expect(r.totals).toEqual({ entitled: '0.00', previouslyObligated: '1000.00', newObligations: '-1000.00' });
  });

  it('pays the intermediary when the contract has one', () => {
    const def = card('1000', {
      parties: [
        { key: 'payer', name: 'Payer', roles: ['outcome_payer'] }, { key: 'investor', name: 'Investor', roles: ['investor'] },
        { key: 'provider', name: 'Provider', roles: ['operator'] }, { key: 'spv', name: 'SPV', roles: ['intermediary'] },
      ],
    });
    expect(run(def, { claims: [claim('a', 'job', '2021-01-01')] }).obligations[0]!.recipient).toBe('spv');
  });
});

describe('rounding', () => {
  it('rounds the cumulative exact entitlement half-even to the minor unit', () => {
    const one = (price: string) => run(card(price), { claims: [claim('a', 'job', '2021-01-01')] });
    expect(line(one('0.125'), 'card:cohort_1:payer')).toMatchObject({ entitledExact: '0.125', entitled: '0.12' });
    expect(line(one('0.135'), 'card:cohort_1:payer')).toMatchObject({ entitledExact: '0.135', entitled: '0.14' });
    expect(line(one('10.0051'), 'card:cohort_1:payer').entitled).toBe('10.01');
  });

  it('rounds the cumulative amount, not each claim, so sub-penny prices add up exactly', () => {
    const claims = Array.from({ length: 4 }, (_, i) => claim(`p${i}`, 'job', '2021-01-01'));
    const r = run(card('0.125'), { claims });
    expect(line(r, 'card:cohort_1:payer')).toMatchObject({ entitledExact: '0.5', entitled: '0.50' });
  });

  it('adjusts by whole minor units as the cumulative entitlement grows', () => {
    const first = run(card('0.125'), { asOf: '2021-01-01', claims: [claim('a', 'job', '2021-01-01')] });
    expect(first.totals.newObligations).toBe('0.12');
    const second = run(card('0.125'), { asOf: '2021-01-02', claims: [claim('a', 'job', '2021-01-01'), claim('b', 'job', '2021-01-02')], prior: asPrior(first) });
    expect(second.obligations.map((o) => o.amount)).toEqual(['0.13']);
  });

  it('uses the currency minor unit (JPY has none, KWD three)', () => {
    const jpy = run(card('1000.5', { currency: 'JPY' }), { claims: [claim('a', 'job', '2021-01-01')] });
    expect(jpy.obligations[0]!.amount).toBe('1000');
    const kwd = run(card('1000.0005', { currency: 'KWD' }), { claims: [claim('a', 'job', '2021-01-01')] });
    expect(kwd.obligations[0]!.amount).toBe('1000.000');
  });
});
