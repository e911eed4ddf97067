import { describe, expect, it } from 'vitest';
import { Dec, formatAmount } from '../../../src/domain/money/money.ts';
import { addDays } from '../../../src/domain/time/dates.ts';
import { moneyMultiple } from '../../../src/domain/returns/multiple.ts';
import { capacity, describeCap } from '../../../src/domain/returns/return-cap.ts';
import { xirr } from '../../../src/domain/returns/xirr.ts';

const irr15 = { kind: 'irr', annualRate: '0.15' } as const;

describe('return cap capacity', () => {
  it('lets an investor with a 15% IRR cap that drew 270,000 receive exactly 310,500.00 a year later', () => {
    const d = '2015-06-01';
    const c = capacity(irr15, [{ date: d, amount: '270000.00' }], [], addDays(d, 365))!;
    expect(c.eq('310500')).toBe(true);
    expect(formatAmount(c, 'USD')).toBe('310500.00');
  });

  it('gives an XIRR of exactly the cap rate when the capacity is received', () => {
    const d = '2015-06-01';
    const at = addDays(d, 365);
    const c = capacity(irr15, [{ date: d, amount: '270000.00' }], [], at)!;
    expect(xirr([{ date: d, amount: '-270000.00' }, { date: at, amount: c.toString() }])!.toString()).toBe('0.15');
  });

  it('gives the cap rate for part-years, several drawdowns and earlier receipts', () => {
    const drawdowns = [
      { date: '2016-02-29', amount: '150000.00' },
      { date: '2016-09-13', amount: '120000.00' },
    ];
    const receipts = [{ date: '2017-05-02', amount: '40000.00' }];
    const at = '2018-11-20';
    const c = capacity(irr15, drawdowns, receipts, at)!;
    const flows = [
      ...drawdowns.map((x) => ({ date: x.date, amount: `-${x.amount}` })),
      ...receipts,
      { date: at, amount: c.toString() },
    ];
    expect(xirr(flows)!.minus('0.15').abs().lt('1e-18')).toBe(true);
  });

  it('carries the Educate Girls bond (USD 270,000 at 15% IRR) three years forward to 410,636.25', () => {
    // 2015-06-01 to 2018-05-31 is 1095 days = 3 years at actual/365: 270,000 × 1.15³.
    const c = capacity(irr15, [{ date: '2015-06-01', amount: '270000.00' }], [], '2018-05-31')!;
    expect(c.toString()).toBe('410636.25');
  });

  it('is zero, not negative, once an investor has had more than its cap allows', () => {
    const c = capacity(irr15, [{ date: '2020-01-01', amount: '100.00' }], [{ date: '2021-01-01', amount: '200.00' }], '2021-06-01')!;
    expect(c.toString()).toBe('0');
  });

  it('ignores drawdowns and receipts dated after the capacity date', () => {
    const c = capacity(
      irr15,
      [{ date: '2021-01-01', amount: '100.00' }, { date: '2022-06-01', amount: '900.00' }],
      [{ date: '2022-03-01', amount: '50.00' }],
      '2022-01-01',
    )!;
    expect(c.toString()).toBe('115');
  });

  it('caps a money multiple: m × drawn − received, whatever the dates', () => {
    const cap = { kind: 'multiple', multiple: '1.5' } as const;
    const drawdowns = [{ date: '2019-01-01', amount: '100.00' }, { date: '2019-07-01', amount: '50.00' }];
    const receipts = [{ date: '2020-01-01', amount: '30.00' }];
    const c = capacity(cap, drawdowns, receipts, '2023-01-01')!;
    expect(c.toString()).toBe('195');
    expect(moneyMultiple(drawdowns, [...receipts, { date: '2023-01-01', amount: c.toString() }])!.toString()).toBe('1.5');
    expect(capacity(cap, drawdowns, [{ date: '2020-01-01', amount: '500.00' }], '2023-01-01')!.toString()).toBe('0');
  });

  it('is unlimited (null) without a cap', () => {
    expect(capacity(undefined, [{ date: '2020-01-01', amount: '100.00' }], [], '2021-01-01')).toBeNull();
  });

  it('describes caps in words', () => {
    expect(describeCap(irr15)).toBe('15% IRR cap');
    expect(describeCap({ kind: 'irr', annualRate: '0.075' })).toBe('7.5% IRR cap');
    expect(describeCap({ kind: 'multiple', multiple: '1.5' })).toBe('1.5x money multiple cap');
    expect(describeCap(undefined)).toBe('no return cap');
  });
});

describe('money multiple', () => {
  it('is total received over total paid in', () => {
    expect(moneyMultiple([{ amount: '100' }, { amount: '50' }], [{ amount: '180' }])!.toString()).toBe('1.2');
    expect(moneyMultiple([{ amount: '300' }], [{ amount: '100' }])!.eq(new Dec(1).div(3))).toBe(true);
    expect(moneyMultiple([{ amount: '100' }], [])!.toString()).toBe('0');
  });

  it('is null when nothing was paid in', () => {
    expect(moneyMultiple([], [{ amount: '10' }])).toBeNull();
    expect(moneyMultiple([{ amount: '0' }], [{ amount: '10' }])).toBeNull();
  });
});
