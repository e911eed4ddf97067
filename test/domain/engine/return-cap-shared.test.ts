import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { returnCapacity } from '../../../src/domain/engine/return-cap.ts';
import { Dec } from '../../../src/domain/money/money.ts';
import { capacity, carryForward, compoundGrowth } from '../../../src/domain/returns/return-cap.ts';
import { define } from './helpers.ts';

/**
 * Return-cap compounding (1 + r)^(days/365) has one implementation, `compoundGrowth` in
 * src/domain/returns/return-cap.ts, used by the investor views (capacity, capital stack, status)
 * and by the payment engine's investor return cap (i). Both must agree to the last digit.
 */

const src = (path: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'src', 'domain', path), 'utf8');

describe('return-cap compounding, one implementation', () => {
  it('compounds (1 + r)^(days / 365), actual/365', () => {
    expect(compoundGrowth('0.15', 0).eq(1)).toBe(true);
    expect(compoundGrowth('0.15', 365).eq('1.15')).toBe(true);
    expect(compoundGrowth('0.15', 730).eq('1.3225')).toBe(true);
    // half a year at 21%: √1.21 = 1.1
    expect(compoundGrowth('0.21', 182.5).eq('1.1')).toBe(true);
    expect(carryForward('1000', '0.15', '2020-01-01', '2020-12-31').eq('1150')).toBe(true); // 365 days (2020 is a leap year)
    expect(() => compoundGrowth('-1', 10)).toThrow(RangeError);
  });

  it('is written once: neither return-cap module raises to a power on its own', () => {
    const engine = src('engine/return-cap.ts');
    const returns = src('returns/return-cap.ts');
    expect(engine).not.toMatch(/\.pow\(/);
    expect(engine).toMatch(/compoundGrowth\(/);
    expect(returns.match(/\.pow\(/g)).toHaveLength(1); // inside compoundGrowth
  });

  it("gives the engine's return cap exactly the investor view's capacity for one IRR-capped investor", () => {
    const definition = define({
      investors: [{ party: 'investor', commitment: '300000', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.15' } }],
      metrics: [{ key: 'job', name: 'job', unit: 'outcome', direction: 'increase', level: 'participant', validationMethod: 'verified_evidence' }],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1000' }] }],
    });
    const drawdowns = [
      { investor: 'investor', date: '2020-06-15', amount: '270000' },
      { investor: 'investor', date: '2021-01-10', amount: '30000' },
    ];
    const prior = [
      { id: 'o1', lineKey: 'card:cohort_1:payer', amount: '100000.00', dueOn: '2021-03-31' },
      { id: 'o2', lineKey: 'card:cohort_1:payer', amount: '-2500.00', dueOn: '2021-09-30' },
    ];
    const at = '2022-07-30';
    const engine = returnCapacity(definition, drawdowns, prior, at);
    const views = capacity(
      { kind: 'irr', annualRate: '0.15' },
      drawdowns.map((d) => ({ date: d.date, amount: d.amount })),
      prior.map((o) => ({ date: o.dueOn, amount: o.amount })),
      at,
    )!;
    expect(engine.capacity!.toFixed()).toBe(views.toFixed());
    // and both are the independent sum
    const carried = (amount: string, from: string) => new Dec(amount).times(new Dec('1.15').pow(new Dec((Date.parse(at) - Date.parse(from)) / 86_400_000).div(365)));
    const expected = carried('270000', '2020-06-15').plus(carried('30000', '2021-01-10')).minus(carried('100000', '2021-03-31')).minus(carried('-2500', '2021-09-30'));
    expect(views.toSignificantDigits(30).eq(expected.toSignificantDigits(30))).toBe(true);
  });
});
