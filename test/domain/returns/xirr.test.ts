import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, sum } from '../../../src/domain/money/money.ts';
import { addDays, daysBetween } from '../../../src/domain/time/dates.ts';
import { npv, xirr, type CashFlow } from '../../../src/domain/returns/xirr.ts';

const flow = (date: string, amount: string): CashFlow => ({ date, amount });

/** |a − b| ≤ tolerance, with the numbers as decimals. */
const near = (a: Decimal.Value, b: Decimal.Value, tolerance: string): boolean =>
  new Dec(a).minus(b).abs().lte(tolerance);

/** Σ |amount| / (1 + r)^(t) — the size an NPV is judged against. */
const discountedSize = (rate: Dec, flows: readonly CashFlow[]): Dec => {
  const first = flows[0]!.date;
  return sum(flows.map((f) => new Dec(f.amount).abs().div(rate.plus(1).pow(new Dec(daysBetween(first, f.date)).div(365)))));
};

describe('xirr', () => {
  it('reproduces the Excel documentation example (37.3362535%)', () => {
    const flows = [
      flow('2008-01-01', '-10000'),
      flow('2008-03-01', '2750'),
      flow('2008-10-30', '4250'),
      flow('2009-02-15', '3250'),
      flow('2009-04-01', '2750'),
    ];
    const r = xirr(flows)!;
    // Excel shows 0.373362535 (its Newton stops at 1e-8); the exact root, checked independently at
    // 50 digits, is 0.373362533518831510308…
    expect(near(r, '0.373362535', '2e-9')).toBe(true);
    expect(r.toString()).toBe('0.37336253351883151031');
    expect(npv(r, flows).abs().lt('1e-15')).toBe(true);
  });

  it('finds exactly 10% for 100 paid in and 110 received 365 days later', () => {
    expect(xirr([flow('2021-01-01', '-100'), flow('2022-01-01', '110')])!.toString()).toBe('0.1');
    // 2020 is a leap year: 365 days is still one year under actual/365.
    expect(xirr([flow('2020-01-01', '-100'), flow('2020-12-31', '110')])!.toString()).toBe('0.1');
  });

  it('finds exactly 10% a year over two years when 121 comes back for 100', () => {
    expect(xirr([flow('2021-01-01', '-100'), flow('2023-01-01', '121')])!.toString()).toBe('0.1');
  });

  it('returns a negative rate when less comes back than was paid in', () => {
    expect(xirr([flow('2021-01-01', '-100'), flow('2022-01-01', '80')])!.toString()).toBe('-0.2');
    const r = xirr([flow('2015-03-01', '-5000000'), flow('2016-03-01', '-1000000'), flow('2019-06-30', '2500000')])!;
    expect(r.isNegative()).toBe(true);
    expect(r.gt(-1)).toBe(true);
  });

  it('is zero when exactly the amount paid in comes back', () => {
    expect(xirr([flow('2021-01-01', '-100'), flow('2024-07-01', '100')])!.toString()).toBe('0');
  });

  it('does not depend on the order of the flows or on splitting a flow', () => {
    const a = xirr([flow('2020-01-01', '-1000'), flow('2020-07-15', '300'), flow('2021-09-01', '900')])!;
    const b = xirr([flow('2021-09-01', '900'), flow('2020-07-15', '300'), flow('2020-01-01', '-1000')])!;
    const c = xirr([flow('2020-01-01', '-600'), flow('2020-01-01', '-400'), flow('2020-07-15', '300'), flow('2021-09-01', '900')])!;
    expect(near(a, b, '1e-18')).toBe(true);
    expect(near(a, c, '1e-18')).toBe(true);
  });

  it('solves flows with several sign changes, returning the root nearest the guess', () => {
    // −100, +230, −132 a year apart: NPV = 0 at 10% and at 20%.
    const flows = [flow('2021-01-01', '-100'), flow('2022-01-01', '230'), flow('2023-01-01', '-132')];
    expect(xirr(flows)!.toString()).toBe('0.1');
    expect(xirr(flows, '0.25')!.toString()).toBe('0.2');
    // A project with a reinvestment in the middle and one root.
    const project = [
      flow('2019-01-01', '-1000'), flow('2019-12-01', '600'), flow('2020-06-01', '-300'),
      flow('2021-03-01', '500'), flow('2022-01-01', '450'),
    ];
    const r = xirr(project)!;
    expect(npv(r, project).abs().lt('1e-12')).toBe(true);
  });

  it('returns null when all flows have the same sign, or there are none', () => {
    expect(xirr([])).toBeNull();
    expect(xirr([flow('2021-01-01', '-100'), flow('2022-01-01', '-5')])).toBeNull();
    expect(xirr([flow('2021-01-01', '100'), flow('2022-01-01', '5')])).toBeNull();
    expect(xirr([flow('2021-01-01', '-100'), flow('2022-01-01', '0')])).toBeNull();
  });

  it('returns null when the flows change sign but no rate solves them', () => {
    // +100, −100, +100 a year apart: NPV = 100 (1 − v + v²) > 0 for every rate.
    expect(xirr([flow('2021-01-01', '100'), flow('2022-01-01', '-100'), flow('2023-01-01', '100')])).toBeNull();
  });

  it('finds extreme rates that plain Newton from 10% misses', () => {
    // Doubling in a day: (2^365 − 1), about 7.5e109.
    const huge = xirr([flow('2021-01-01', '-100'), flow('2021-01-02', '200')])!;
    expect(near(huge.div(new Dec(2).pow(365).minus(1)), 1, '1e-18')).toBe(true);
    // Losing 99.9% in a year.
    expect(xirr([flow('2021-01-01', '-1000'), flow('2022-01-01', '1')])!.toString()).toBe('-0.999');
  });

  it('npv discounts to the first flow at actual/365 and rejects rates of -100% or less', () => {
    const flows = [flow('2021-01-01', '-100'), flow('2022-01-01', '110'), flow('2023-01-01', '121')];
    expect(npv('0.1', flows).toString()).toBe('100');
    expect(npv(new Dec(0), flows).toString()).toBe('131');
    expect(() => npv('-1', flows)).toThrow(RangeError);
  });

  it('property: the NPV at the rate found is zero to 1e-10 of the size of the flows', () => {
    const arbitraryFlows = fc
      .array(fc.record({ day: fc.integer({ min: 0, max: 3650 }), cents: fc.integer({ min: 1, max: 10_000_000_000 }), out: fc.boolean() }), { minLength: 2, maxLength: 8 })
      .map((raw) =>
        raw.map((f, i) => ({
          date: addDays('2015-01-01', f.day),
          // At least one flow each way.
          amount: new Dec(f.cents).div(100).times(i === 0 || (i > 1 && f.out) ? -1 : 1).toFixed(2),
        })),
      );
    fc.assert(
      fc.property(arbitraryFlows, (flows) => {
        const r = xirr(flows);
        if (r === null) return; // several sign changes may have no root
        expect(r.gt(-1)).toBe(true);
        expect(npv(r, flows).abs().lte(discountedSize(r, flows).times('1e-10'))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('property: money paid in, then received a year or more later, always has a rate, above 0 exactly when more comes back', () => {
    const arbitrary = fc.record({
      paid: fc.array(fc.record({ day: fc.integer({ min: 0, max: 1000 }), cents: fc.integer({ min: 10_000, max: 100_000_000 }) }), { minLength: 1, maxLength: 4 }),
      got: fc.array(fc.record({ day: fc.integer({ min: 365, max: 3650 }), cents: fc.integer({ min: 10_000, max: 100_000_000 }) }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ paid, got }) => {
        const lastPaid = Math.max(...paid.map((p) => p.day));
        const flows = [
          ...paid.map((p) => ({ date: addDays('2012-04-01', p.day), amount: new Dec(p.cents).div(-100).toFixed(2) })),
          ...got.map((g) => ({ date: addDays('2012-04-01', lastPaid + g.day), amount: new Dec(g.cents).div(100).toFixed(2) })),
        ];
        const r = xirr(flows);
        expect(r).not.toBeNull();
        expect(npv(r!, flows).abs().lte(discountedSize(r!, flows).times('1e-10'))).toBe(true);
        const net = sum(flows.map((f) => new Dec(f.amount)));
        expect(r!.cmp(0)).toBe(net.cmp(0));
      }),
      { numRuns: 150 },
    );
  });
});
