import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvestorTerms } from '../../../src/domain/contract/definition.ts';
import { minorUnits } from '../../../src/domain/money/currencies.ts';
import { Dec, sum } from '../../../src/domain/money/money.ts';
import { addDays } from '../../../src/domain/time/dates.ts';
import {
  distribute, type Distribution, type DistributionInput, type StackInvestor,
} from '../../../src/domain/returns/capital-stack.ts';
import { moneyMultiple } from '../../../src/domain/returns/multiple.ts';
import type { DatedAmount, ReturnCap } from '../../../src/domain/returns/types.ts';
import { xirr } from '../../../src/domain/returns/xirr.ts';

// The contract definition's investor terms fit the capital stack's investors (checked by tsc).
const fromTerms = (terms: InvestorTerms): StackInvestor => ({ ...terms, drawdowns: [], received: [] });
void fromTerms;

const investor = (
  party: string,
  seniority: StackInvestor['seniority'],
  drawdowns: [string, string][],
  returnCap?: ReturnCap,
  received: [string, string][] = [],
): StackInvestor => ({
  party,
  seniority,
  returnCap,
  drawdowns: drawdowns.map(([date, amount]) => ({ date, amount })),
  received: received.map(([date, amount]) => ({ date, amount })),
});

const gbp = (amount: string, date = '2020-01-01') => ({ amount, date, currency: 'GBP' });
const toPayer = { recipient: 'payer' } as const;
const amounts = (d: Distribution): Record<string, string> =>
  Object.fromEntries(d.lines.map((l) => [l.recipient, l.amount]));
const lineOf = (d: Distribution, recipient: string) => d.lines.find((l) => l.recipient === recipient)!;

describe('capital stack', () => {
  it('repays senior investors before subordinate ones', () => {
    const d = distribute({
      payment: gbp('150.00'),
      investors: [
        investor('junior', 'subordinate', [['2019-01-01', '100.00']], { kind: 'irr', annualRate: '0.10' }),
        investor('senior', 'senior', [['2019-01-01', '200.00']], { kind: 'irr', annualRate: '0.05' }),
      ],
      surplus: toPayer,
    });
    expect(d.lines.map((l) => l.recipient)).toEqual(['senior', 'junior']);
    expect(amounts(d)).toEqual({ senior: '150.00', junior: '0.00' });
    expect(lineOf(d, 'junior').explanation).toContain('nothing was left for the subordinate class');
  });

  it('pays the subordinate class once the senior class has reached its cap, then the surplus', () => {
    const d = distribute({
      payment: gbp('400.00', '2020-01-01'),
      investors: [
        investor('senior', 'senior', [['2019-01-01', '200.00']], { kind: 'multiple', multiple: '1.1' }),
        investor('junior', 'subordinate', [['2019-01-01', '100.00']], { kind: 'multiple', multiple: '1.5' }),
      ],
      surplus: toPayer,
    });
    expect(amounts(d)).toEqual({ senior: '220.00', junior: '150.00', payer: '30.00' });
    expect(lineOf(d, 'senior').explanation).toContain('return cap reached');
    expect(lineOf(d, 'payer')).toMatchObject({ role: 'outcome_payer' });
    expect(lineOf(d, 'payer').explanation).toMatch(/^returned to payer/);
  });

  it('shares capital pro rata by outstanding capital within a class', () => {
    const d = distribute({
      payment: gbp('150.00'),
      investors: [
        investor('a', 'senior', [['2019-01-01', '200.00']], { kind: 'irr', annualRate: '0.10' }),
        investor('b', 'senior', [['2019-01-01', '150.00']], { kind: 'irr', annualRate: '0.10' }, [['2019-06-01', '50.00']]),
      ],
      surplus: toPayer,
    });
    // Outstanding capital 200 and 100.
    expect(amounts(d)).toEqual({ a: '100.00', b: '50.00' });
    expect(lineOf(d, 'a').explanation).toContain('paid pro rata by capital due');
  });

  it('shares the return pro rata by remaining cap capacity once capital is back', () => {
    const d = distribute({
      payment: gbp('330.00', '2020-01-01'),
      investors: [
        investor('a', 'senior', [['2019-01-01', '200.00']], { kind: 'multiple', multiple: '1.5' }),
        investor('b', 'senior', [['2019-01-01', '100.00']], { kind: 'multiple', multiple: '1.2' }),
      ],
      surplus: toPayer,
    });
    // Capital 200 + 100; return room 100 and 20 shares the remaining 30 as 25 : 5.
    expect(amounts(d)).toEqual({ a: '225.00', b: '105.00' });
    expect(lineOf(d, 'a').capacityBefore).toBe('300.00');
    expect(lineOf(d, 'b').capacityBefore).toBe('120.00');
  });

  it('gives an uncapped investor everything offered to its class after capital', () => {
    const d = distribute({
      payment: gbp('1000.00'),
      investors: [
        investor('capped', 'senior', [['2019-01-01', '100.00']], { kind: 'multiple', multiple: '2' }),
        investor('open', 'senior', [['2019-01-01', '300.00']]),
        investor('junior', 'subordinate', [['2019-01-01', '100.00']]),
      ],
      surplus: toPayer,
    });
    expect(amounts(d)).toEqual({ capped: '100.00', open: '900.00', junior: '0.00' });
    expect(lineOf(d, 'open').capacityBefore).toBeUndefined();
    expect(lineOf(d, 'open').explanation).toContain('with no return cap it takes all that was left');
  });

  it('lets several uncapped investors of a class share what is left pro rata by capital drawn', () => {
    const d = distribute({
      payment: gbp('700.00'),
      investors: [
        investor('a', 'subordinate', [['2019-01-01', '300.00']]),
        investor('b', 'subordinate', [['2019-01-01', '100.00']], undefined, [['2019-06-01', '100.00']]),
      ],
      surplus: toPayer,
    });
    // Capital: a 300 (b has had its 100 back); the other 400 shared 3 : 1 by capital drawn.
    expect(amounts(d)).toEqual({ a: '600.00', b: '100.00' });
    expect(d.roundingRemainder).toBe('0.00');
  });

  it('never repays grants and pays guarantees nothing from outcome payments', () => {
    const d = distribute({
      payment: gbp('500.00'),
      investors: [
        investor('foundation', 'grant', [['2019-01-01', '300.00']]),
        investor('guarantor', 'guarantee', [['2019-01-01', '1000.00']], { kind: 'irr', annualRate: '0.05' }),
        investor('bank', 'senior', [['2019-01-01', '100.00']], { kind: 'irr', annualRate: '0.10' }),
      ],
      surplus: toPayer,
    });
    expect(d.lines.map((l) => [l.recipient, l.seniority, l.amount])).toEqual([
      ['bank', 'senior', '110.00'],
      ['foundation', 'grant', '0.00'],
      ['guarantor', 'guarantee', '0.00'],
      ['payer', undefined, '390.00'],
    ]);
    expect(lineOf(d, 'foundation').explanation).toContain('grants are not repaid');
    expect(lineOf(d, 'guarantor').explanation).toContain('guarantees receive nothing from outcome payments');
  });

  it('pays the surplus to the operator as a performance bonus (Educate Girls: USD 422,000 on 270,000 at a 15% IRR cap)', () => {
    const d = distribute({
      payment: { amount: '422000.00', date: '2018-05-31', currency: 'USD' },
      investors: [investor('ubs_optimus', 'senior', [['2015-06-01', '270000.00']], { kind: 'irr', annualRate: '0.15' })],
      surplus: { recipient: 'operator', party: 'educate_girls' },
    });
    expect(d.lines).toEqual([
      expect.objectContaining({ recipient: 'ubs_optimus', role: 'investor', amount: '410636.25', capacityBefore: '410636.25' }),
      expect.objectContaining({ recipient: 'educate_girls', role: 'operator', amount: '11363.75' }),
    ]);
    expect(d.lines[1]!.explanation).toMatch(/^performance bonus to operator party educate_girls/);
    expect(xirr([{ date: '2015-06-01', amount: '-270000.00' }, { date: '2018-05-31', amount: '410636.25' }])!.toString()).toBe('0.15');
  });

  it('names the payer when the surplus goes back to a given payer party', () => {
    const d = distribute({ payment: gbp('10.00'), investors: [], surplus: { recipient: 'payer', party: 'moj' } });
    expect(d.lines).toEqual([expect.objectContaining({ recipient: 'moj', role: 'outcome_payer', amount: '10.00' })]);
    expect(d.lines[0]!.explanation).toContain('no investor is repaid from outcome payments');
  });

  it('Peterborough: with low outcome payments investors get principal plus just over 3% a year', () => {
    // £5m drawn in three tranches; one pooled payment in 2017; the return cap was 13% a year.
    // (Tranche dates and the payment amount are illustrative; the outcome is the published one.)
    const tranches: [string, string][] = [['2010-09-01', '2000000.00'], ['2011-09-01', '1500000.00'], ['2012-09-01', '1500000.00']];
    const flowsOut = tranches.map(([date, amount]) => ({ date, amount: `-${amount}` }));
    const investors = [investor('sib_investors', 'senior', tranches, { kind: 'irr', annualRate: '0.13' })];

    const low = distribute({ payment: gbp('6000000.00', '2017-08-01'), investors, surplus: toPayer });
    expect(amounts(low)).toEqual({ sib_investors: '6000000.00' });
    const irr = xirr([...flowsOut, { date: '2017-08-01', amount: '6000000.00' }])!;
    expect(irr.gt('0.03') && irr.lt('0.031')).toBe(true);
    expect(moneyMultiple(tranches.map(([, amount]) => ({ amount })), [{ amount: '6000000.00' }])!.toString()).toBe('1.2');

    // Had the cohorts done far better, the cap would have bound at 13% and the rest stayed with the payer.
    const high = distribute({ payment: gbp('12000000.00', '2017-08-01'), investors, surplus: toPayer });
    expect(amounts(high)).toEqual({ sib_investors: '10488521.84', payer: '1511478.16' });
    const capped = xirr([...flowsOut, { date: '2017-08-01', amount: '10488521.84' }])!;
    expect(capped.lte('0.13') && capped.gt('0.1299999999')).toBe(true);
  });

  it('assigns the rounding remainder to the largest line so the lines sum to the payment', () => {
    const d = distribute({
      payment: gbp('100.00'),
      investors: ['a', 'b', 'c'].map((p) => investor(p, 'senior', [['2019-01-01', '50.00']])),
      surplus: toPayer,
    });
    expect(amounts(d)).toEqual({ a: '33.34', b: '33.33', c: '33.33' });
    expect(d.roundingRemainder).toBe('0.01');
    expect(lineOf(d, 'a').explanation).toContain('+0.01 rounding remainder');
    expect(lineOf(d, 'b').explanation).toContain('rounded half-even from 33.33333');
  });

  it('never pushes a capped investor over its cap, nor pays past a class the waterfall did not cover, when rounding', () => {
    // The senior line is the largest but at its cap; the remainder goes to the largest line with room.
    const d = distribute({
      payment: gbp('100.01'),
      investors: [
        investor('senior', 'senior', [['2019-01-01', '100.00']], { kind: 'multiple', multiple: '1' }),
        ...['x', 'y', 'z'].map((p) => investor(p, 'subordinate', [['2019-01-01', '10.00']])),
      ],
      surplus: toPayer,
    });
    expect(amounts(d)).toEqual({ senior: '100.00', x: '0.01', y: '0.00', z: '0.00' });
  });

  it('rounds to the currency minor unit (JPY has none, KWD three)', () => {
    const jpy = distribute({
      payment: { amount: '1000', date: '2020-01-01', currency: 'JPY' },
      investors: ['a', 'b', 'c'].map((p) => investor(p, 'senior', [['2019-01-01', '5000']])),
      surplus: toPayer,
    });
    expect(jpy.lines.map((l) => l.amount)).toEqual(['334', '333', '333']);
    const kwd = distribute({
      payment: { amount: '1.000', date: '2020-01-01', currency: 'KWD' },
      investors: ['a', 'b', 'c'].map((p) => investor(p, 'senior', [['2019-01-01', '5']])),
      surplus: toPayer,
    });
    expect(kwd.lines.map((l) => l.amount)).toEqual(['0.334', '0.333', '0.333']);
  });

  it('rejects payments in fractions of a minor unit, an operator surplus without the operator, and out-of-order receipts', () => {
    const base: DistributionInput = { payment: gbp('10.00'), investors: [], surplus: toPayer };
    expect(() => distribute({ ...base, payment: gbp('10.005') })).toThrow(/minor units/);
    expect(() => distribute({ ...base, payment: gbp('-1.00') })).toThrow(/negative/);
    expect(() => distribute({ ...base, surplus: { recipient: 'operator' } })).toThrow(/operator party/);
    expect(() =>
      distribute({ ...base, investors: [investor('a', 'senior', [['2019-01-01', '5.00']], undefined, [['2020-02-01', '1.00']])] }),
    ).toThrow(/date order/);
    expect(() =>
      distribute({ ...base, investors: [investor('a', 'senior', []), investor('a', 'subordinate', [])] }),
    ).toThrow(/listed twice/);
  });

  it('ignores drawdowns dated after the payment', () => {
    const d = distribute({
      payment: gbp('300.00', '2020-01-01'),
      investors: [investor('a', 'senior', [['2019-01-01', '100.00'], ['2020-06-01', '900.00']], { kind: 'multiple', multiple: '2' })],
      surplus: toPayer,
    });
    expect(amounts(d)).toEqual({ a: '200.00', payer: '100.00' });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const currencies = ['GBP', 'JPY', 'KWD'] as const;
const money = (units: number, currency: string): string => new Dec(units).div(new Dec(10).pow(minorUnits(currency))).toFixed(minorUnits(currency));

const arbitraryCap: fc.Arbitrary<ReturnCap | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 3000 }).map((bp) => ({ kind: 'irr' as const, annualRate: new Dec(bp).div(10_000).toString() })),
  fc.integer({ min: 50, max: 300 }).map((pct) => ({ kind: 'multiple' as const, multiple: new Dec(pct).div(100).toString() })),
);

const arbitraryInvestor = fc.record({
  seniority: fc.constantFrom<StackInvestor['seniority']>('senior', 'senior', 'subordinate', 'subordinate', 'grant', 'guarantee'),
  returnCap: arbitraryCap,
  drawdowns: fc.array(fc.record({ day: fc.integer({ min: 0, max: 700 }), units: fc.integer({ min: 1, max: 50_000_000 }) }), { minLength: 1, maxLength: 3 }),
});

const arbitraryStack = fc.record({
  currency: fc.constantFrom(...currencies),
  investors: fc.array(arbitraryInvestor, { minLength: 0, maxLength: 5 }),
  payments: fc.array(fc.record({ day: fc.integer({ min: 0, max: 1500 }), units: fc.integer({ min: 0, max: 100_000_000 }) }), { minLength: 1, maxLength: 4 }),
  operator: fc.boolean(),
});

describe('capital stack properties', () => {
  it('lines always sum exactly to the payment, in the minor unit, never negative, deterministic', () => {
    fc.assert(
      fc.property(arbitraryStack, ({ currency, investors, payments, operator }) => {
        const date = addDays('2018-01-01', payments[0]!.day + 731);
        const input: DistributionInput = {
          payment: { amount: money(payments[0]!.units, currency), date, currency },
          investors: investors.map((inv, i) => ({
            party: `investor_${i}`,
            seniority: inv.seniority,
            returnCap: inv.returnCap,
            drawdowns: inv.drawdowns.map((d) => ({ date: addDays('2018-01-01', d.day), amount: money(d.units, currency) })),
            // Some of the earlier payments already received (arbitrary, possibly above the cap).
            received: payments.slice(1).map((p) => ({ date: addDays('2018-01-01', 720), amount: money(Math.floor(p.units / 10), currency) })),
          })),
          surplus: operator ? { recipient: 'operator', party: 'provider' } : { recipient: 'payer' },
        };
        const d = distribute(input);
        const total = sum(d.lines.map((l) => new Dec(l.amount)));
        expect(total.eq(input.payment.amount)).toBe(true);
        const places = minorUnits(currency);
        for (const l of d.lines) {
          expect(new Dec(l.amount).isNegative()).toBe(false);
          expect(new Dec(l.amount).decimalPlaces()).toBeLessThanOrEqual(places);
          expect(l.amount).toBe(new Dec(l.amount).toFixed(places));
          if (l.seniority === 'grant' || l.seniority === 'guarantee') expect(new Dec(l.amount).isZero()).toBe(true);
          if (l.capacityBefore !== undefined) expect(new Dec(l.amount).lte(l.capacityBefore)).toBe(true);
        }
        expect(d.lines.filter((l) => l.role === 'investor')).toHaveLength(investors.length);
        expect(distribute(input)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('over a run of payments no investor ever exceeds its cap, and no subordinate is paid before the seniors are done', () => {
    fc.assert(
      fc.property(arbitraryStack, ({ currency, investors, payments, operator }) => {
        const stack: { party: string; seniority: StackInvestor['seniority']; returnCap: ReturnCap | undefined; drawdowns: DatedAmount[]; received: DatedAmount[] }[] =
          investors.map((inv, i) => ({
            party: `investor_${i}`,
            seniority: inv.seniority,
            returnCap: inv.returnCap,
            // All capital is drawn before the first payment (day 731 onwards).
            drawdowns: inv.drawdowns.map((d) => ({ date: addDays('2018-01-01', d.day), amount: money(d.units, currency) })),
            received: [],
          }));
        const dates = payments.map((p) => addDays('2018-01-01', 731 + p.day)).sort();
        payments.forEach((p, k) => {
          const d = distribute({
            payment: { amount: money(p.units, currency), date: dates[k]!, currency },
            investors: stack,
            surplus: operator ? { recipient: 'operator', party: 'provider' } : { recipient: 'payer' },
          });
          const lines = d.lines.filter((l) => l.role === 'investor');
          // Seniority: a subordinate is paid only once every senior has all its cap allows (and none is uncapped).
          if (lines.some((l) => l.seniority === 'subordinate' && new Dec(l.amount).gt(0))) {
            for (const s of lines.filter((l) => l.seniority === 'senior')) {
              expect(s.capacityBefore).toBeDefined();
              expect(s.amount).toBe(s.capacityBefore);
            }
          }
          for (const l of lines) {
            if (new Dec(l.amount).gt(0)) stack.find((s) => s.party === l.recipient)!.received.push({ date: dates[k]!, amount: l.amount });
          }
        });
        for (const s of stack) {
          if (!s.returnCap) continue;
          if (s.returnCap.kind === 'multiple') {
            expect(moneyMultiple(s.drawdowns, s.received)!.lte(s.returnCap.multiple)).toBe(true);
          } else {
            const r = xirr([...s.drawdowns.map((x) => ({ date: x.date, amount: new Dec(x.amount).neg().toString() })), ...s.received]);
            if (r !== null) expect(r.lte(new Dec(s.returnCap.annualRate).plus('1e-9'))).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
